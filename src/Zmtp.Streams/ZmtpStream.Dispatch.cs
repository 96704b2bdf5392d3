namespace Zmtp.Streams;

/// <content>Dispatch: a few receives and sends per loop turn, then a readiness wait off the loop.</content>
public sealed partial class ZmtpStream
{
    /// <summary>The most receive/send pairs one dispatch runs before letting other loop work in.</summary>
    private const int TurnsPerDispatch = 16;

    private static readonly SendOrPostCallback s_dispatch = state => ((ZmtpStream)state!).Dispatch();

    // Scheduling state, under _gate. At most one dispatch is posted or running at a time; a readiness wait
    // (PollAsync off the loop) is kept while its interest stays the same, so a stream that sends while it
    // waits to receive does not cancel and re-arm its wait for every message.
    private bool _scheduled;
    private bool _dispatching;
    private PollEvents _waitInterest;
    private long _waitGeneration;
    private CancellationTokenSource? _waitCancel;

    /// <summary>Interest changed (callback set, message queued): look at the socket again on the loop.</summary>
    private void RequestDispatch()
    {
        lock (_gate)
        {
            if (_closed || _scheduled || _dispatching)
            {
                return;
            }

            _scheduled = true;
        }

        PostDispatch();
    }

    private void PostDispatch()
    {
        if (Loop is not null)
        {
            // A disposed loop runs nothing more; its streams simply stop.
            Loop.TryEnqueue(s_dispatch, this);
        }
        else
        {
            _context.Post(s_dispatch, this);
        }
    }

    /// <summary>One loop turn of the stream (pyzmq's <c>_handle_events</c>): receive and send while ready (up
    /// to <see cref="TurnsPerDispatch"/> of each), then decide whether to run again, wait, or go idle.</summary>
    private void Dispatch()
    {
        lock (_gate)
        {
            _scheduled = false;
            if (_closed)
            {
                return;
            }

            _dispatching = true;
        }

        var socketGone = false;
        try
        {
            lock (_dispatchLock)
            {
                if (Socket.IsDisposed)
                {
                    socketGone = true;
                }
                else
                {
                    // pyzmq handles one receive and one send per loop iteration; a few pairs per turn keep
                    // that fairness (other streams and timers wait at most a handful of callbacks) at a
                    // fraction of the per-turn cost.
                    for (var turn = 0; turn < TurnsPerDispatch && !_closed; turn++)
                    {
                        var received = ReceiveOne(dropWithoutCallback: false);
                        var sent = !_closed && SendOne();
                        if (!received && !sent)
                        {
                            break;
                        }
                    }
                }
            }
        }
        finally
        {
            AfterDispatch();
        }

        if (socketGone)
        {
            // The socket was closed behind the stream's back (pyzmq's closed check): close the stream too.
            _ = CloseAsync(closeSocket: false, TimeSpan.Zero);
        }
    }

    /// <summary>pyzmq's <c>_update_handler</c> with the re-check libzmq's edge-triggered FD needs: run again
    /// while the socket is ready for what the stream wants, otherwise wait. Running after every dispatch, even
    /// one whose callback threw, is what keeps the stream from stalling as pyzmq's does.</summary>
    private void AfterDispatch()
    {
        var post = false;
        var startWait = PollEvents.None;
        long generation = 0;
        CancellationToken token = default;
        CancellationTokenSource? stale = null;
        lock (_gate)
        {
            _dispatching = false;
            if (_closed)
            {
                return;
            }

            var interest = InterestLocked();
            if (interest != PollEvents.None && (Socket.Events & interest) != PollEvents.None)
            {
                if (!_scheduled)
                {
                    _scheduled = true;
                    post = true;
                }
            }
            else if (interest != _waitInterest)
            {
                stale = _waitCancel;
                _waitCancel = null;
                _waitGeneration++;
                _waitInterest = interest;
                if (interest != PollEvents.None)
                {
                    _waitCancel = new CancellationTokenSource();
                    token = _waitCancel.Token;
                    generation = _waitGeneration;
                    startWait = interest;
                }
            }
        }

        stale?.Cancel();
        if (post)
        {
            PostDispatch();
        }

        if (startWait != PollEvents.None)
        {
            _ = WaitAsync(startWait, generation, token);
        }
    }

    private PollEvents InterestLocked()
    {
        var interest = PollEvents.None;
        if (_onReceive is not null || _onReceiveStream is not null)
        {
            interest |= PollEvents.In;
        }

        if (_sendQueue.Count > 0)
        {
            interest |= PollEvents.Out;
        }

        return interest;
    }

    /// <summary>Off the loop: waits until the socket is ready for <paramref name="interest"/>, then posts a
    /// dispatch. A wait replaced by one with another interest is cancelled (cancellation consumes nothing).</summary>
    private async Task WaitAsync(PollEvents interest, long generation, CancellationToken token)
    {
        try
        {
            await Socket.PollAsync(interest, Timeout.InfiniteTimeSpan, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return;
        }
        catch (ObjectDisposedException)
        {
            // The socket was closed: the dispatch posted below notices and closes the stream.
        }

        lock (_gate)
        {
            if (generation != _waitGeneration)
            {
                return;
            }

            _waitInterest = PollEvents.None;
            _waitCancel = null;

            // A running dispatch re-checks readiness when it ends.
            if (_closed || _scheduled || _dispatching)
            {
                return;
            }

            _scheduled = true;
        }

        PostDispatch();
    }

    /// <summary>Receives one message if one is ready and runs the receive callback (under _dispatchLock).
    /// With no callback it leaves the message in the socket, or drops it when flushing (pyzmq's flush).</summary>
    private bool ReceiveOne(bool dropWithoutCallback)
    {
        Action<Message>? callback;
        Action<ZmtpStream, Message>? streamCallback;
        bool copy;
        lock (_gate)
        {
            callback = _onReceive;
            streamCallback = _onReceiveStream;
            copy = _copy;
        }

        var hasCallback = callback is not null || streamCallback is not null;
        if ((!hasCallback && !dropWithoutCallback) || (Socket.Events & PollEvents.In) == PollEvents.None)
        {
            return false;
        }

        Message? received;
        try
        {
            if (!Socket.TryReceive(out received))
            {
                return false;
            }
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // The pattern's state moved between the readiness check and the receive; try again next turn.
            return false;
        }

        if (!hasCallback)
        {
            received.Dispose();
            return true;
        }

        Deliver(received, callback, streamCallback, copy);
        return true;
    }

    /// <summary>Runs the stream form of a callback if it is set, else the plain one.</summary>
    private void Invoke(Action<Message>? callback, Action<ZmtpStream, Message>? streamCallback, Message message)
    {
        if (streamCallback is not null)
        {
            streamCallback(this, message);
        }
        else
        {
            callback!(message);
        }
    }

    private void Deliver(Message received, Action<Message>? callback, Action<ZmtpStream, Message>? streamCallback, bool copy)
    {
        var message = received;
        if (copy)
        {
            // copy=True: the callback gets frames of its own; the pooled buffers go back at once.
            message = new Message();
            for (var i = 0; i < received.Count; i++)
            {
                message.Add(received[i].ToArray());
            }

            received.Dispose();
        }

        try
        {
            Invoke(callback, streamCallback, message);
        }
        catch (Exception ex)
        {
            ReportError(ex, StreamErrorSource.ReceiveCallback, message);
        }
        finally
        {
            // copy=False: the frames go back to the pool when the callback is done, unless it kept them.
            if (!copy && !message.IsKept)
            {
                message.Dispose();
            }
        }
    }

    private void ReportError(Exception exception, StreamErrorSource source, Message? message)
    {
        var handler = Error;
        if (handler is not null)
        {
            try
            {
                handler(this, new StreamErrorEventArgs(exception, source, message));
                return;
            }
            catch (Exception handlerFailure)
            {
                ReportToLoop(handlerFailure, "a stream's Error handler");
                return;
            }
        }

        ReportToLoop(exception, $"a stream ({source})");
    }

    private void ReportToLoop(Exception exception, string source)
    {
        var loop = Loop ?? EventLoop.Current;
        if (loop is not null)
        {
            loop.ReportError(exception, source);
            return;
        }

        try
        {
            Console.Error.WriteLine($"Unhandled exception in {source}: {exception}");
        }
        catch (IOException)
        {
            // Nowhere left to report it; the stream goes on regardless.
        }
    }
}
