using System.Diagnostics;
using Zmtp.Core;
using Zmtp.Inproc;

namespace Zmtp;

/// <content>Closing: linger, then the end of every connection.</content>
public abstract partial class ZmtpSocket
{
    /// <summary>The longest a close waits for connections to finish after linger (a dead peer cannot hold it).</summary>
    private static readonly TimeSpan ConnectionCloseLimit = TimeSpan.FromSeconds(5);

    private int _disposed;
    private Task? _closing;

    // Cancelled when a close's linger is over: connections still closing gracefully are then aborted.
    private readonly CancellationTokenSource _lingerExpired = new();

    /// <summary>Cancelled once a close has lingered as long as <see cref="SocketOptions.Linger"/> allows.</summary>
    internal CancellationToken LingerExpired => _lingerExpired.Token;

    /// <summary>True once the socket has been disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Closes the socket: pending receives and sends fail at once with
    /// <see cref="ObjectDisposedException"/>, listening stops, queued outbound messages get at most
    /// <see cref="SocketOptions.Linger"/> to leave, then every connection closes.</summary>
    /// <returns>A task that completes when the socket is closed.</returns>
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return new ValueTask(StartClose());
    }

    /// <summary>Closes the socket, blocking for at most the linger time plus a few seconds.</summary>
    public void Dispose()
    {
        GC.SuppressFinalize(this);
        StartClose().Wait(BlockingCloseLimit);
    }

    /// <summary>How long a blocking close waits: the linger plus the bounded end of the connections.</summary>
    internal TimeSpan BlockingCloseLimit
    {
        get
        {
            var linger = Options.Linger;
            var limit = IsUnbounded(linger) ? Timeout.InfiniteTimeSpan : linger + ConnectionCloseLimit + ConnectionCloseLimit;
            return IsUnbounded(limit) ? Timeout.InfiniteTimeSpan : limit;
        }
    }

    /// <summary>Starts closing (once) and returns the close in progress.</summary>
    internal Task StartClose()
    {
        lock (Sync)
        {
            if (_closing is not null)
            {
                return _closing;
            }

            Volatile.Write(ref _disposed, 1);
        }

        // Pending receives fail now, not after the linger: only queued sends linger (zmq_ctx_term makes
        // blocked calls return ETERM at once). What arrives from now on is dropped.
        Incoming.Close();
        lock (Sync)
        {
            _closing ??= CloseAsync();
            return _closing;
        }
    }

    private async Task CloseAsync()
    {
        // Off the caller's thread and SynchronizationContext: a blocking Dispose on an event loop must not wait for itself.
        await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        Acceptor[] acceptors;
        Connector[] connectors;
        InprocConnector[] inprocConnectors;
        lock (Sync)
        {
            acceptors = [.. _acceptors];
            connectors = [.. _connectors];
            inprocConnectors = [.. _inprocConnectors];
            foreach (var binding in _inprocBindings)
            {
                binding.StopListening();
            }
        }

        // Wake senders blocked on a full queue: they see the socket is closed.
        _sendReady.Set();
        foreach (var acceptor in acceptors)
        {
            await acceptor.StopListeningAsync().ConfigureAwait(false);
        }

        var linger = Options.Linger;
        var lingerStart = Stopwatch.GetTimestamp();
        await LingerAsync(linger).ConfigureAwait(false);

        // Connections close gracefully (what is flushed still goes out) until the linger is over, then they
        // are aborted: a peer that has stopped reading cannot hold the close beyond it.
        var left = Remaining(lingerStart, linger);
        if (left == TimeSpan.Zero)
        {
            _lingerExpired.Cancel();
        }
        else if (left != Timeout.InfiniteTimeSpan)
        {
            _lingerExpired.CancelAfter(left);
        }

        _stopping.Cancel();
        var running = new List<Task>(connectors.Length + acceptors.Length);
        foreach (var connector in connectors)
        {
            running.Add(connector.Completion);
        }

        foreach (var connector in inprocConnectors)
        {
            running.Add(connector.StopAsync());
        }

        foreach (var acceptor in acceptors)
        {
            running.Add(acceptor.StopAsync());
        }

        try
        {
            await Task.WhenAll(running).WaitAsync(ConnectionCloseLimit).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Closing never fails or hangs: connections still open after the limit were aborted by the
            // cancellation and end on their own.
        }

        // Whatever is still open after the limit goes now.
        _lingerExpired.Cancel();
        Incoming.Close();
        Monitor.Stop();
        Context.Remove(this);
        lock (Sync)
        {
            foreach (var peer in _peers.ToArray())
            {
                RemovePeerLocked(peer);
            }
        }
    }

    /// <summary>Waits until no peer has queued messages, or <paramref name="linger"/> passes.</summary>
    private async Task LingerAsync(TimeSpan linger)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            var drained = _drained.WaitTask;
            if (AllDrained())
            {
                return;
            }

            var remaining = Remaining(start, linger);
            if (remaining == TimeSpan.Zero)
            {
                return;
            }

            try
            {
                await drained.WaitAsync(remaining).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return;
            }
        }
    }

    private bool AllDrained()
    {
        lock (Sync)
        {
            foreach (var peer in _peers)
            {
                if (!peer.IsDrained)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private protected void ThrowIfDisposed()
    {
        if (IsDisposed)
        {
            throw Disposed();
        }
    }

    private ObjectDisposedException Disposed() =>
        new(GetType().Name, "The socket has been closed.");
}
