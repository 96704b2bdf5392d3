namespace Zmtp.Streams;

/// <summary>Runs posted continuations on an <see cref="EventLoop"/>, so awaits inside loop callbacks resume on it.</summary>
internal sealed class EventLoopSynchronizationContext : SynchronizationContext
{
    public EventLoopSynchronizationContext(EventLoop loop) => Loop = loop;

    public EventLoop Loop { get; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);

        // A continuation posted after the loop was disposed is dropped: its coroutine ends with the loop,
        // as an asyncio task does when its loop is closed.
        Loop.TryEnqueue(d, state);
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (Loop.IsOnLoopThread)
        {
            d(state);
            return;
        }

        // SynchronizationContext.Send is synchronous by contract: run on the loop and block until done.
        var call = new BlockingCall(d, state);
        if (!Loop.TryEnqueue(static s => ((BlockingCall)s!).Run(), call))
        {
            throw new ObjectDisposedException(nameof(EventLoop));
        }

        call.WaitForCompletion();
    }

    public override SynchronizationContext CreateCopy() => this;

    private sealed class BlockingCall(SendOrPostCallback callback, object? state)
    {
        private bool _done;
        private Exception? _error;

        public void Run()
        {
            try
            {
                callback(state);
            }
            catch (Exception ex)
            {
                _error = ex;
            }

            lock (this)
            {
                _done = true;
                Monitor.PulseAll(this);
            }
        }

        public void WaitForCompletion()
        {
            lock (this)
            {
                while (!_done)
                {
                    Monitor.Wait(this);
                }
            }

            if (_error is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_error);
            }
        }
    }
}
