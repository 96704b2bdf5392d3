using System.Runtime.CompilerServices;

namespace Zmtp.Core;

/// <summary>
/// A level-free wake-up for waiters of a condition ("a peer has room", "a message arrived").
/// <see cref="WaitUntilAsync{TState}"/> retries an operation until it succeeds, sleeping between tries until
/// <see cref="Set"/>; one such waiter at a time uses a reusable completion source, so the usual single
/// receiver or sender allocates nothing however often it waits. Further concurrent waiters, and
/// <see cref="WaitTask"/> users (pollers, blocking calls), share a task that each <see cref="Set"/> replaces.
/// </summary>
internal sealed class AsyncSignal
{
    private readonly SignalWaiter _waiter = new();
    private TaskCompletionSource _current = NewSource();
    private int _taskArmed;
    private int _waiterTaken;

    /// <summary>A task completed by the next <see cref="Set"/>: take it, re-check the condition, await it.</summary>
    public Task WaitTask
    {
        get
        {
            // The task is taken before arming: a Set that disarms in between then completes this very task
            // (it completes the one it replaces); taken after, it could be the replacement, which no later
            // Set would complete. The arming is a full fence: the caller's re-check of its condition must
            // not be read before it is visible, or a Set in between could see "nobody waits".
            var task = Volatile.Read(ref _current).Task;
            Interlocked.Exchange(ref _taskArmed, 1);
            return task;
        }
    }

    /// <summary>Wakes everyone waiting since before this call.</summary>
    public void Set()
    {
        // The fence orders the caller's change of the condition before the reads of the arming (the other
        // half of the waiters' fences); with nobody waiting no cache line is written.
        Interlocked.MemoryBarrier();
        _waiter.TrySignal();
        if (Volatile.Read(ref _taskArmed) != 0 && Interlocked.Exchange(ref _taskArmed, 0) != 0)
        {
            Interlocked.Exchange(ref _current, NewSource()).TrySetResult();
        }
    }

    /// <summary>
    /// Calls <paramref name="tryComplete"/> until it returns true, waiting for a <see cref="Set"/> between
    /// calls. It may throw to end the wait (a closed socket, for example).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WaitUntilAsync<TState>(Func<TState, bool> tryComplete, TState state, CancellationToken cancellationToken)
    {
        while (!tryComplete(state))
        {
            if (Interlocked.CompareExchange(ref _waiterTaken, 1, 0) != 0)
            {
                // Another waiter holds the reusable source: share the task.
                var task = WaitTask;
                if (tryComplete(state))
                {
                    return;
                }

                await task.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                var wait = _waiter.Arm();
                using var cancellation = cancellationToken.UnsafeRegister(static (waiter, token) => ((SignalWaiter)waiter!).TryCancel(token), _waiter);
                bool done;
                try
                {
                    done = tryComplete(state);
                }
                catch
                {
                    _waiter.TryDisarm();
                    throw;
                }

                if (done)
                {
                    // Fired or not, nobody needs the wake-up any more; the next arming resets the source.
                    _waiter.TryDisarm();
                    return;
                }

                await wait.ConfigureAwait(false);
            }
            finally
            {
                Volatile.Write(ref _waiterTaken, 0);
            }
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
