using System.Diagnostics.CodeAnalysis;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Zmtp.Core;

namespace Zmtp;

/// <content>Receiving: awaitable, non-blocking and blocking forms over one receive queue.</content>
public abstract partial class ZmtpSocket
{
    /// <summary>Receives the next whole message, waiting for at most <see cref="SocketOptions.ReceiveTimeout"/>.</summary>
    /// <param name="cancellationToken">Cancels the wait; a cancelled receive consumes nothing.</param>
    /// <returns>The message. Disposing it when done returns its buffers to the pool (optional).</returns>
    /// <exception cref="TimeoutException">RCVTIMEO passed with no message.</exception>
    /// <exception cref="InvalidOperationException">The pattern does not allow a receive now (REQ before a request).</exception>
    /// <exception cref="NotSupportedException">This socket type cannot receive.</exception>
    public ValueTask<Message> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        CheckReceive();
        if (TryTakeQueued(null, out var message))
        {
            return new ValueTask<Message>(message);
        }

        return ReceiveSlowAsync(null, cancellationToken);
    }

    /// <summary>
    /// Receives the next whole message into <paramref name="message"/>, replacing the frames it held (as
    /// libzmq's <c>zmq_msg_recv</c> does). Reusing one message this way allocates nothing per message: its
    /// frame slots and buffers are recycled. Memory taken from its earlier frames is no longer valid.
    /// </summary>
    /// <param name="message">The message to fill. It must not still be queued by a send.</param>
    /// <param name="cancellationToken">Cancels the wait; a cancelled receive consumes nothing and leaves
    /// <paramref name="message"/> as it was.</param>
    /// <returns>A task that completes when <paramref name="message"/> holds the received frames.</returns>
    /// <exception cref="TimeoutException">RCVTIMEO passed with no message.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="message"/> is still queued for sending, or
    /// the pattern does not allow a receive now.</exception>
    public ValueTask ReceiveAsync(Message message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.ThrowIfQueued();
        CheckReceive();
        if (TryTakeQueued(message, out _))
        {
            return ValueTask.CompletedTask;
        }

        return ReceiveIntoSlowAsync(message, cancellationToken);

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
        async ValueTask ReceiveIntoSlowAsync(Message target, CancellationToken cancellationToken) =>
            await ReceiveSlowAsync(target, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Receives a message into <paramref name="message"/> if one is waiting (see
    /// <see cref="ReceiveAsync(Message, CancellationToken)"/>).</summary>
    /// <param name="message">The message to fill; left as it was when nothing is waiting.</param>
    /// <returns>True if a message was received.</returns>
    public bool TryReceive(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.ThrowIfQueued();
        CheckReceive();
        return TryTakeQueued(message, out _);
    }

    /// <summary>Receives the next message and decodes its first frame as UTF-8.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The text of the first frame.</returns>
    public async ValueTask<string> ReceiveStringAsync(CancellationToken cancellationToken = default)
    {
        using var message = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
        return message.GetString(0);
    }

    /// <summary>Receives a message if one is waiting.</summary>
    /// <param name="message">The message, when the result is true.</param>
    /// <returns>True if a message was received.</returns>
    public bool TryReceive([NotNullWhen(true)] out Message? message)
    {
        CheckReceive();
        return TryTakeQueued(null, out message);
    }

    /// <summary>Receives a message, blocking the calling thread for at most <paramref name="timeout"/>.</summary>
    /// <param name="timeout">The longest wait (<see cref="Timeout.InfiniteTimeSpan"/> for none).</param>
    /// <param name="message">The message, when the result is true.</param>
    /// <returns>True if a message was received, false if the timeout passed.</returns>
    public bool TryReceive(TimeSpan timeout, [NotNullWhen(true)] out Message? message)
    {
        CheckReceive();
        return ReceiveBlocking(timeout, null, out message);
    }

    /// <summary>Receives a message, blocking the calling thread while none is waiting.</summary>
    /// <param name="timeout">The longest wait; null for <see cref="SocketOptions.ReceiveTimeout"/>.</param>
    /// <returns>The message.</returns>
    /// <exception cref="TimeoutException">The timeout passed with no message.</exception>
    public Message Receive(TimeSpan? timeout = null)
    {
        var limit = timeout ?? Options.ReceiveTimeout;
        return TryReceive(limit, out var message) ? message : throw ReceiveTimedOut(limit);
    }

    /// <summary>Receives into <paramref name="message"/> (see <see cref="ReceiveAsync(Message, CancellationToken)"/>),
    /// blocking the calling thread while none is waiting.</summary>
    /// <param name="message">The message to fill. It must not still be queued by a send.</param>
    /// <param name="timeout">The longest wait; null for <see cref="SocketOptions.ReceiveTimeout"/>.</param>
    /// <exception cref="TimeoutException">The timeout passed with no message.</exception>
    public void Receive(Message message, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.ThrowIfQueued();
        CheckReceive();
        var limit = timeout ?? Options.ReceiveTimeout;
        if (!ReceiveBlocking(limit, message, out _))
        {
            throw ReceiveTimedOut(limit);
        }
    }

    /// <summary>The blocking receive: into <paramref name="target"/>, or a message of its own when null.</summary>
    private bool ReceiveBlocking(TimeSpan timeout, Message? target, [NotNullWhen(true)] out Message? message)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            if (TryTakeQueued(target, out message))
            {
                return true;
            }

            ThrowIfDisposed();
            var remaining = Remaining(start, timeout);
            if (remaining == TimeSpan.Zero)
            {
                return false;
            }

            using var expiry = remaining == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(remaining);
            var ready = Incoming.WaitToReadAsync(expiry?.Token ?? CancellationToken.None).AsTask();
            try
            {
                ready.Wait(CancellationToken.None);
            }
            catch (AggregateException) when (ready.IsCanceled)
            {
                return TryTakeQueued(target, out message);
            }
        }
    }

    /// <summary>Takes the next message the pattern delivers: into <paramref name="target"/> (its frames move
    /// there and the pooled object goes back for the next message), or, when null, the object itself, which
    /// then leaves the pool for the application to keep.</summary>
    private bool TryTakeQueued(Message? target, [NotNullWhen(true)] out Message? message)
    {
        while (Incoming.TryTake(out var peer, out var received))
        {
            if (TryDeliver(new InboundItem(peer, received), out var delivered))
            {
                if (target is null)
                {
                    message = delivered.Detach();
                }
                else
                {
                    delivered.MoveTo(target);
                    message = target;
                }

                return true;
            }
        }

        message = null;
        return false;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Message> ReceiveSlowAsync(Message? target, CancellationToken cancellationToken)
    {
        var limit = Options.ReceiveTimeout;
        using var expiry = IsUnbounded(limit) ? null : new CancellationTokenSource(limit);
        using var linked = expiry is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        var token = linked?.Token ?? cancellationToken;
        while (true)
        {
            bool open;
            try
            {
                open = await Incoming.WaitToReadAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (expiry is not null && expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw ReceiveTimedOut(limit);
            }

            if (!open)
            {
                throw Disposed();
            }

            if (TryTakeQueued(target, out var message))
            {
                return message;
            }
        }
    }

    private void CheckReceive()
    {
        ThrowIfDisposed();
        if (!CanReceive)
        {
            throw NotSupported($"A {SocketType.ToString().ToUpperInvariant()} socket cannot receive.");
        }

        BeforeReceive();
    }

    private TimeoutException ReceiveTimedOut(TimeSpan limit) =>
        new($"The receive timed out after {limit.TotalMilliseconds:0} ms with no message.");
}
