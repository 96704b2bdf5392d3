using System.Diagnostics;

namespace Zmtp.Streams;

/// <content>Closing: stop the callbacks, hand queued messages to the socket within linger, close callback.</content>
public sealed partial class ZmtpStream
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _closed;

    /// <summary>True once the stream is closed. If the socket was closed behind the stream's back, this
    /// closes the stream (as pyzmq's <c>closed()</c> does) and returns true.</summary>
    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                if (_closed)
                {
                    return true;
                }
            }

            if (Socket.IsDisposed)
            {
                _ = CloseAsync(closeSocket: false, TimeSpan.Zero);
                return true;
            }

            return false;
        }
    }

    /// <summary>Completes when a close has finished: queued messages handed over or dropped, and the socket
    /// closed if the close asked for it.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Closes the stream and returns at once; the rest of the close (see <see cref="CloseAsync"/>)
    /// goes on in the background. Calling it again does nothing.</summary>
    /// <param name="closeSocket">Also close the socket.</param>
    /// <param name="linger">How long queued messages may wait to be handed to the socket (see <see cref="CloseAsync"/>).</param>
    public void Close(bool closeSocket = false, TimeSpan? linger = null) => _ = CloseAsync(closeSocket, linger);

    /// <summary>Closes the stream. At once: no callback starts afterwards (one running on another thread is
    /// waited for), registrations and sends throw, and the receive wait ends (unread messages stay in the socket).
    /// Then messages still in the send queue are handed to the socket, in order, as it takes them, for at most
    /// <paramref name="linger"/>; what it has not taken by then is dropped. With
    /// <paramref name="closeSocket"/> the socket is closed next, its <see cref="SocketOptions.Linger"/> set to what
    /// is left of <paramref name="linger"/> (when given) so the handed-over messages get that long to leave.
    /// Finally the close callback is posted to the loop. Calling it again returns the first close's task.</summary>
    /// <param name="closeSocket">Also close the socket.</param>
    /// <param name="linger">The time queued messages get: default the socket's <see cref="SocketOptions.Linger"/>
    /// when closing it, otherwise zero (only what the socket takes without waiting); negative for no limit.</param>
    /// <returns>A task that completes when the close has finished (<see cref="Completion"/>).</returns>
    public Task CloseAsync(bool closeSocket = false, TimeSpan? linger = null)
    {
        List<Message> pending;
        Action? closeCallback;
        CancellationTokenSource? wait;
        lock (_dispatchLock)
        {
            lock (_gate)
            {
                if (_closed)
                {
                    return _completion.Task;
                }

                _closed = true;
                pending = [.. _sendQueue];
                _sendQueue.Clear();
                closeCallback = _closeCallback;
                _onReceive = null;
                _onReceiveStream = null;
                _onSend = null;
                _onSendStream = null;
                _closeCallback = null;
                wait = _waitCancel;
                _waitCancel = null;
                _waitGeneration++;
                _waitInterest = PollEvents.None;
            }
        }

        wait?.Cancel();
        _ = FinishCloseAsync(pending, closeSocket, linger, closeCallback);
        return _completion.Task;
    }

    /// <summary>Same as <see cref="CloseAsync"/> with its defaults: the socket stays open.</summary>
    /// <returns>A task that completes when the close has finished.</returns>
    public ValueTask DisposeAsync() => new(CloseAsync());

    private async Task FinishCloseAsync(List<Message> pending, bool closeSocket, TimeSpan? linger, Action? closeCallback)
    {
        try
        {
            var limit = linger ?? (closeSocket ? Socket.Options.Linger : TimeSpan.Zero);
            var start = Stopwatch.GetTimestamp();
            await HandOverAsync(pending, limit).ConfigureAwait(false);
            if (closeSocket && !Socket.IsDisposed)
            {
                if (linger is not null)
                {
                    Socket.Options.Linger = Remaining(start, limit);
                }

                await Socket.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            ReportToLoop(ex, "closing a stream");
        }
        finally
        {
            if (closeCallback is not null)
            {
                PostCloseCallback(closeCallback);
            }

            _completion.TrySetResult();
        }
    }

    /// <summary>Gives queued messages to the socket in order; stops at the first it refuses or when the time is up.</summary>
    private async Task HandOverAsync(List<Message> pending, TimeSpan limit)
    {
        if (pending.Count == 0)
        {
            return;
        }

        var unlimited = limit < TimeSpan.Zero;
        using var deadline = unlimited || limit == TimeSpan.Zero ? null : new CancellationTokenSource(limit);
        var handed = 0;
        try
        {
            for (; handed < pending.Count; handed++)
            {
                if (!unlimited && deadline is null)
                {
                    if (!Socket.TrySend(pending[handed]))
                    {
                        break;
                    }
                }
                else
                {
                    await Socket.SendAsync(pending[handed], deadline?.Token ?? CancellationToken.None).ConfigureAwait(false);
                }

                pending[handed].Dispose();
            }
        }
        catch (Exception)
        {
            // Time is up, the socket is closed, or the pattern refuses a send now (a REQ awaiting its reply):
            // the rest never reached the socket and is dropped, like messages still queued when libzmq's
            // linger expires.
        }

        for (; handed < pending.Count; handed++)
        {
            pending[handed].Dispose();
        }
    }

    private void PostCloseCallback(Action callback)
    {
        SendOrPostCallback run = _ =>
        {
            try
            {
                callback();
            }
            catch (Exception ex)
            {
                ReportError(ex, StreamErrorSource.CloseCallback, null);
            }
        };

        if (Loop is not null)
        {
            Loop.TryEnqueue(run, null);
        }
        else
        {
            _context.Post(run, null);
        }
    }

    private static TimeSpan Remaining(long start, TimeSpan limit)
    {
        if (limit < TimeSpan.Zero)
        {
            return Timeout.InfiniteTimeSpan;
        }

        var left = limit - Stopwatch.GetElapsedTime(start);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
