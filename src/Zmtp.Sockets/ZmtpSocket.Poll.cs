namespace Zmtp;

/// <content>Readiness: libzmq's ZMQ_EVENTS and pyzmq's <c>socket.poll</c>.</content>
public abstract partial class ZmtpSocket
{
    /// <summary>What the socket could do right now (ZMQ_EVENTS): <see cref="PollEvents.In"/> when a message
    /// is waiting and the pattern allows a receive, <see cref="PollEvents.Out"/> when a send would not wait.
    /// Readiness is a hint: another thread may take the message first, so loop on <see cref="TryReceive(out Message?)"/>.</summary>
    public PollEvents Events
    {
        get
        {
            if (IsDisposed)
            {
                return PollEvents.None;
            }

            var events = PollEvents.None;
            if (CanReceive && Incoming.HasPending && ReceiveAllowed)
            {
                events |= PollEvents.In;
            }

            if (CanSend && SendWouldNotWait)
            {
                events |= PollEvents.Out;
            }

            return events;
        }
    }

    /// <summary>Whether the pattern allows a receive now (false for a REQ that has not sent).</summary>
    private protected virtual bool ReceiveAllowed => true;

    /// <summary>Whether a send now would complete without waiting (true for types that drop instead).</summary>
    private protected virtual bool SendWouldNotWait => true;

    /// <summary>Waits until the socket is ready for any of <paramref name="events"/>, or the timeout passes.</summary>
    /// <param name="events">The readiness wanted.</param>
    /// <param name="timeout">The longest wait; <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The ready subset of <paramref name="events"/>; <see cref="PollEvents.None"/> on timeout.</returns>
    public async ValueTask<PollEvents> PollAsync(PollEvents events, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var ready = Events & events;
        if (ready != PollEvents.None || timeout == TimeSpan.Zero)
        {
            return ready;
        }

        using var expiry = timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry?.Token ?? CancellationToken.None);
        try
        {
            while (true)
            {
                // Take the wake-ups before re-checking, so a change in between is not missed.
                var sendReady = _sendReady.WaitTask;
                var receiveReady = (events & PollEvents.In) != 0 && ReceiveAllowed ? Incoming.WaitToReadAsync(linked.Token).AsTask() : null;
                ready = Events & events;
                if (ready != PollEvents.None)
                {
                    linked.Cancel();
                    return ready;
                }

                ThrowIfDisposed();
                await Task.WhenAny(Waits(sendReady, receiveReady, linked.Token)).ConfigureAwait(false);
                linked.Token.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Events & events;
        }
    }

    /// <summary>Blocking form of <see cref="PollAsync"/>.</summary>
    /// <param name="events">The readiness wanted.</param>
    /// <param name="timeout">The longest wait; <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <returns>The ready subset of <paramref name="events"/>; <see cref="PollEvents.None"/> on timeout.</returns>
    public PollEvents Poll(PollEvents events, TimeSpan timeout)
    {
        var ready = Events & events;
        if (ready != PollEvents.None || timeout == TimeSpan.Zero)
        {
            return ready;
        }

        var poller = new Poller();
        poller.Register(this, events);
        var items = poller.Poll(timeout);
        return items.Count == 0 ? PollEvents.None : items[0].Events;
    }

    /// <summary>A pattern's state changed (REQ sent, REP replied): readiness may differ without any queue
    /// having moved, so wake pollers.</summary>
    private protected void OnPatternStateChanged() => _sendReady.Set();

    /// <summary>Completes when the socket's readiness may have changed (for pollers of many sockets).</summary>
    internal Task ReadinessChangedAsync(PollEvents events, CancellationToken cancellationToken)
    {
        // The send-side signal also carries pattern state changes, which can make a receive possible.
        var sendReady = events != PollEvents.None ? _sendReady.WaitTask : null;
        var receiveReady = (events & PollEvents.In) != 0 && ReceiveAllowed ? Incoming.WaitToReadAsync(cancellationToken).AsTask() : null;
        return Task.WhenAny(Waits(sendReady, receiveReady, cancellationToken));
    }

    private static IEnumerable<Task> Waits(Task? sendReady, Task? receiveReady, CancellationToken cancellationToken)
    {
        if (sendReady is not null)
        {
            yield return sendReady.WaitAsync(cancellationToken);
        }

        if (receiveReady is not null)
        {
            yield return receiveReady;
        }

        if (sendReady is null && receiveReady is null)
        {
            yield return Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
