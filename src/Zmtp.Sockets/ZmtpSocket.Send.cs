using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Zmtp;

/// <content>Sending: awaitable, non-blocking and blocking forms over one <see cref="TrySendCore"/>.</content>
public abstract partial class ZmtpSocket
{
    /// <summary>Sends a whole message. Completes when the message is queued for a peer (not when the peer has
    /// it); waits while the pattern must wait (no peer, all peers at SNDHWM) for at most
    /// <see cref="SocketOptions.SendTimeout"/>.</summary>
    /// <param name="message">The message. Its frames are not copied: do not modify them afterwards (the socket
    /// reads them when it writes the message, after this task completes). Disposing it at once is fine.</param>
    /// <param name="cancellationToken">Cancels the wait; a cancelled send is never transmitted.</param>
    /// <returns>A task that completes when the message is queued.</returns>
    /// <exception cref="TimeoutException">SNDTIMEO passed before a peer could take the message.</exception>
    /// <exception cref="InvalidOperationException">The pattern does not allow a send now (REQ awaiting a reply).</exception>
    /// <exception cref="NotSupportedException">This socket type cannot send.</exception>
    public ValueTask SendAsync(Message message, CancellationToken cancellationToken = default)
    {
        CheckSend(message);
        if (TrySendCore(message))
        {
            return ValueTask.CompletedTask;
        }

        return SendSlowAsync(message, cancellationToken);
    }

    /// <summary>Sends a single-frame message.</summary>
    /// <param name="frame">The frame body. It is not copied: do not modify it afterwards (the socket reads it
    /// when it writes the message, after this task completes).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the message is queued.</returns>
    public ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken = default)
    {
        // The message object never reaches the caller, so it can come from (and go back to) the pool.
        var message = MessagePool.Rent().Add(frame);
        CheckSend(message);
        if (TrySendCore(message))
        {
            message.Dispose();
            return ValueTask.CompletedTask;
        }

        return SendPooledSlowAsync(message, cancellationToken);
    }

    /// <summary>Sends a single-frame message holding the UTF-8 encoding of <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the message is queued.</returns>
    public ValueTask SendAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SendAsync(new Message(Encoding.UTF8.GetBytes(text)), cancellationToken);
    }

    /// <summary>Sends a message if that needs no waiting.</summary>
    /// <param name="message">The message.</param>
    /// <returns>True if the message was queued; false if the socket would have had to wait.</returns>
    public bool TrySend(Message message)
    {
        CheckSend(message);
        return TrySendCore(message);
    }

    /// <summary>Sends a message, blocking the calling thread while the pattern must wait.</summary>
    /// <param name="message">The message.</param>
    /// <param name="timeout">The longest wait; null for <see cref="SocketOptions.SendTimeout"/>.</param>
    /// <exception cref="TimeoutException">The timeout passed before a peer could take the message.</exception>
    public void Send(Message message, TimeSpan? timeout = null)
    {
        CheckSend(message);
        var limit = timeout ?? Options.SendTimeout;
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var ready = _sendReady.WaitTask;
            if (TrySendCore(message))
            {
                return;
            }

            ThrowIfDisposed();
            var remaining = Remaining(start, limit);
            if (remaining == TimeSpan.Zero || !ready.Wait(remaining))
            {
                if (TrySendCore(message))
                {
                    return;
                }

                throw SendTimedOut(limit);
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendSlowAsync(Message message, CancellationToken cancellationToken)
    {
        var limit = Options.SendTimeout;
        if (IsUnbounded(limit))
        {
            // No SNDTIMEO: the signal's reusable waiter, so a sender held at SNDHWM allocates nothing.
            await _sendReady.WaitUntilAsync(static s => s.Socket.TrySendOrThrow(s.Message), (Socket: this, Message: message), cancellationToken).ConfigureAwait(false);
            return;
        }

        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var ready = _sendReady.WaitTask;
            if (TrySendCore(message))
            {
                return;
            }

            ThrowIfDisposed();
            var remaining = Remaining(start, limit);
            try
            {
                if (remaining == TimeSpan.Zero)
                {
                    throw new TimeoutException();
                }

                await ready.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw SendTimedOut(limit);
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendPooledSlowAsync(Message message, CancellationToken cancellationToken)
    {
        try
        {
            await SendSlowAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            message.Dispose();
        }
    }

    private bool TrySendOrThrow(Message message)
    {
        if (TrySendCore(message))
        {
            return true;
        }

        ThrowIfDisposed();
        return false;
    }

    private void CheckSend(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ThrowIfDisposed();
        if (!CanSend)
        {
            throw NotSupported($"A {SocketType.ToString().ToUpperInvariant()} socket cannot send.");
        }

        if (message.Count == 0)
        {
            throw new ArgumentException("A message has at least one frame.", nameof(message));
        }
    }

    /// <summary>True for infinite (any negative) times and for times beyond <see cref="int.MaxValue"/>
    /// milliseconds, the longest <see cref="Task.Wait(TimeSpan)"/> accepts.</summary>
    private static bool IsUnbounded(TimeSpan limit) => limit < TimeSpan.Zero || limit.TotalMilliseconds > int.MaxValue;

    private TimeoutException SendTimedOut(TimeSpan limit) =>
        new($"The send timed out after {limit.TotalMilliseconds:0} ms: no peer of this {SocketType.ToString().ToUpperInvariant()} socket could take the message.");

    /// <summary>Time left of <paramref name="limit"/> since <paramref name="start"/>; infinite stays infinite,
    /// and so does a limit longer than a timed wait can take (about 24.8 days).</summary>
    private static TimeSpan Remaining(long start, TimeSpan limit)
    {
        if (IsUnbounded(limit))
        {
            return Timeout.InfiniteTimeSpan;
        }

        var left = limit - Stopwatch.GetElapsedTime(start);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
