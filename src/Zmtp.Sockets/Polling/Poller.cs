using System.Diagnostics;
using Zmtp.Polling;

namespace Zmtp;

/// <summary>
/// Waits on many sockets at once (pyzmq's <c>zmq.Poller</c>, libzmq's <c>zmq_poll</c>): register sockets with
/// the readiness wanted, then poll to learn which are ready. Readiness is level-triggered from the caller's
/// view: a message left unread keeps its socket reported as <see cref="PollEvents.In"/>.
/// </summary>
/// <remarks>
/// Registration methods are thread-safe; a poll uses the registrations as they were when it started.
/// Polling a registered socket that has been disposed throws <see cref="ObjectDisposedException"/> (libzmq
/// fails such a poll with ENOTSOCK), so a closed socket can never leave a poll waiting silently; unregister
/// sockets before disposing them. Readiness is a hint: another thread may take a reported message first, so
/// use <see cref="ZmtpSocket.TryReceive(out Message?)"/> and <see cref="ZmtpSocket.TrySend(Message)"/>.
/// </remarks>
public sealed class Poller
{
    private const PollEvents AllEvents = PollEvents.In | PollEvents.Out;

    private readonly object _sync = new();
    private readonly List<PollItem> _registrations = [];

    /// <summary>Registers <paramref name="socket"/>, or changes the events of an existing registration (its
    /// place in the order is kept). <see cref="PollEvents.None"/> unregisters it (or does nothing for a
    /// socket not registered).</summary>
    /// <param name="socket">The socket.</param>
    /// <param name="events">The readiness to report.</param>
    public void Register(ZmtpSocket socket, PollEvents events = PollEvents.In | PollEvents.Out)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if ((events & ~AllEvents) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(events), events, "Only In and Out can be polled.");
        }

        lock (_sync)
        {
            var index = IndexOf(socket);
            if (events == PollEvents.None)
            {
                if (index >= 0)
                {
                    _registrations.RemoveAt(index);
                }
            }
            else if (index >= 0)
            {
                _registrations[index] = new PollItem(socket, events);
            }
            else
            {
                _registrations.Add(new PollItem(socket, events));
            }
        }
    }

    /// <summary>Same as <see cref="Register"/> (as in pyzmq): changes the events of a registration, adding
    /// it if absent; <see cref="PollEvents.None"/> unregisters.</summary>
    /// <param name="socket">The socket.</param>
    /// <param name="events">The readiness to report.</param>
    public void Modify(ZmtpSocket socket, PollEvents events) => Register(socket, events);

    /// <summary>Removes a socket's registration.</summary>
    /// <param name="socket">The socket.</param>
    /// <exception cref="KeyNotFoundException">The socket is not registered.</exception>
    public void Unregister(ZmtpSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        lock (_sync)
        {
            var index = IndexOf(socket);
            if (index < 0)
            {
                throw new KeyNotFoundException("The socket is not registered with this poller.");
            }

            _registrations.RemoveAt(index);
        }
    }

    /// <summary>Whether <paramref name="socket"/> is registered.</summary>
    /// <param name="socket">The socket.</param>
    /// <returns>True if it is registered.</returns>
    public bool Contains(ZmtpSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        lock (_sync)
        {
            return IndexOf(socket) >= 0;
        }
    }

    /// <summary>Reports the registered sockets that are ready. Returns at once if any is; otherwise waits for
    /// the first to become ready, or for <paramref name="timeout"/>.</summary>
    /// <param name="timeout">The longest wait: <see cref="TimeSpan.Zero"/> to only check,
    /// <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="cancellationToken">Cancels the wait (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The ready sockets in registration order, each with its ready events; empty on timeout.</returns>
    /// <exception cref="ObjectDisposedException">A registered socket has been disposed.</exception>
    public async ValueTask<IReadOnlyList<PollItem>> PollAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        CheckTimeout(timeout);
        var registered = Snapshot();
        var ready = Collect(registered);
        if (ready.Count > 0 || timeout == TimeSpan.Zero)
        {
            return ready;
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var expiry = timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(timeout);
        while (true)
        {
            using var round = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry?.Token ?? CancellationToken.None);
            try
            {
                // Arm the wake-ups before checking, so a change in between is not missed.
                var woken = Arm(registered, round.Token);
                ready = Collect(registered);
                if (ready.Count > 0)
                {
                    return ready;
                }

                await woken.ConfigureAwait(false);
            }
            finally
            {
                // Releases the waits still registered with the sockets.
                round.Cancel();
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (expiry?.IsCancellationRequested == true)
            {
                return Collect(registered);
            }
        }
    }

    /// <summary>Blocking form of <see cref="PollAsync"/>: blocks the calling thread until a registered socket
    /// is ready or <paramref name="timeout"/> passes.</summary>
    /// <param name="timeout">The longest wait: <see cref="TimeSpan.Zero"/> to only check,
    /// <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <returns>The ready sockets in registration order, each with its ready events; empty on timeout.</returns>
    /// <exception cref="ObjectDisposedException">A registered socket has been disposed.</exception>
    public IReadOnlyList<PollItem> Poll(TimeSpan timeout)
    {
        CheckTimeout(timeout);
        var registered = Snapshot();
        var ready = Collect(registered);
        if (ready.Count > 0 || timeout == TimeSpan.Zero)
        {
            return ready;
        }

        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            // A fresh waker per round: a late continuation from an earlier round cannot cause a false wake.
            var waker = new Waker();
            using var round = new CancellationTokenSource();
            try
            {
                _ = Arm(registered, round.Token).ContinueWith(
                    static (_, state) => ((Waker)state!).Set(),
                    waker,
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
                ready = Collect(registered);
                if (ready.Count > 0)
                {
                    return ready;
                }

                var left = Remaining(start, timeout);
                if (left == TimeSpan.Zero || !waker.Wait(left))
                {
                    return Collect(registered);
                }
            }
            finally
            {
                round.Cancel();
            }
        }
    }

    /// <summary>A task that completes when any registered socket's readiness may have changed (never faults).</summary>
    private static Task Arm(PollItem[] registered, CancellationToken token)
    {
        if (registered.Length == 0)
        {
            return Task.WhenAny(Task.Delay(Timeout.Infinite, token));
        }

        var waits = new Task[registered.Length];
        for (var i = 0; i < registered.Length; i++)
        {
            waits[i] = registered[i].Socket.ReadinessChangedAsync(registered[i].Events, token);
        }

        return Task.WhenAny(waits);
    }

    private static IReadOnlyList<PollItem> Collect(PollItem[] registered)
    {
        List<PollItem>? ready = null;
        foreach (var (socket, events) in registered)
        {
            if (socket.IsDisposed)
            {
                throw new ObjectDisposedException(socket.GetType().Name, "A socket registered with the poller has been closed.");
            }

            var now = socket.Events & events;
            if (now != PollEvents.None)
            {
                (ready ??= new List<PollItem>(registered.Length)).Add(new PollItem(socket, now));
            }
        }

        return ready is null ? [] : ready;
    }

    private PollItem[] Snapshot()
    {
        lock (_sync)
        {
            return [.. _registrations];
        }
    }

    private int IndexOf(ZmtpSocket socket)
    {
        for (var i = 0; i < _registrations.Count; i++)
        {
            if (ReferenceEquals(_registrations[i].Socket, socket))
            {
                return i;
            }
        }

        return -1;
    }

    private static void CheckTimeout(TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout is zero or more, or Timeout.InfiniteTimeSpan.");
        }
    }

    private static TimeSpan Remaining(long start, TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return timeout;
        }

        var left = timeout - Stopwatch.GetElapsedTime(start);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
