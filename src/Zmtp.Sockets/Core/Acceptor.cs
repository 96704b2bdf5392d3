using Zmtp.Transport;

namespace Zmtp.Core;

/// <summary>
/// A bound endpoint: accepts connections until unbound, each becoming a peer that lives as long as its
/// connection (libzmq destroys a bind-side pipe, and what it held, when the connection ends).
/// </summary>
internal sealed class Acceptor
{
    private readonly ZmtpSocket _socket;
    private readonly ZmtpListener _listener;
    private readonly CancellationTokenSource _stop;
    private readonly object _sync = new();
    private readonly HashSet<Task> _connections = [];
    private Task _run = Task.CompletedTask;

    public Acceptor(ZmtpSocket socket, ZmtpListener listener, string text, CancellationToken socketStopping)
    {
        _socket = socket;
        _listener = listener;
        Text = text;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(socketStopping);
    }

    /// <summary>The endpoint as the application gave it.</summary>
    public string Text { get; }

    /// <summary>The resolved endpoint (the port the OS chose for <c>*</c>).</summary>
    public string Endpoint => _listener.Endpoint;

    public void Start() => _run = Task.Run(AcceptLoopAsync);

    /// <summary>Stops accepting; connections already made go on.</summary>
    public async Task StopListeningAsync()
    {
        if (Interlocked.Exchange(ref _listening, 0) == 0)
        {
            return;
        }

        await _listener.DisposeAsync().ConfigureAwait(false);
        await _run.ConfigureAwait(false);
        _socket.Monitor.Emit(SocketEventType.Closed, Endpoint);
    }

    private int _listening = 1;

    /// <summary>Stops accepting and ends every connection made through this endpoint (unbind).</summary>
    public async Task StopAsync()
    {
        await StopListeningAsync().ConfigureAwait(false);
        _stop.Cancel();
        Task[] running;
        lock (_sync)
        {
            running = [.. _connections];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            ZmtpConnection? connection;
            try
            {
                connection = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                // A failed accept (the peer reset before we took it) does not end the listener.
                _socket.Monitor.Emit(SocketEventType.AcceptFailed, Endpoint, 0, ex.Message);
                continue;
            }

            if (connection is null)
            {
                return;
            }

            _socket.Monitor.Emit(SocketEventType.Accepted, Endpoint);

            var task = RunConnectionAsync(connection);
            lock (_sync)
            {
                _connections.Add(task);
            }

            _ = task.ContinueWith(Forget, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task RunConnectionAsync(ZmtpConnection connection)
    {
        await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        var peer = new Peer(_socket, connection.RemoteEndpoint, persistent: false);
        await PeerConnection.RunAsync(_socket, peer, connection, isServer: true, Endpoint, _stop.Token).ConfigureAwait(false);
    }

    private static void Forget(Task task, object? state)
    {
        var acceptor = (Acceptor)state!;
        lock (acceptor._sync)
        {
            acceptor._connections.Remove(task);
        }
    }
}
