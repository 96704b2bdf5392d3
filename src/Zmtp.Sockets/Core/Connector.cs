using Zmtp.Transport;

namespace Zmtp.Core;

/// <summary>
/// A connected endpoint: keeps one persistent peer connected, reconnecting after each drop with libzmq's
/// timing (RECONNECT_IVL, RECONNECT_IVL_MAX). A protocol error ends it for good, as in libzmq.
/// </summary>
internal sealed class Connector
{
    /// <summary>libzmq reports CONNECT_DELAYED with EINPROGRESS.</summary>
    private const int EInProgress = 115;

    private readonly ZmtpSocket _socket;
    private readonly ZmtpEndpoint _endpoint;
    private readonly CancellationTokenSource _stop;
    private Task _run = Task.CompletedTask;

    public Connector(ZmtpSocket socket, ZmtpEndpoint endpoint, string text, CancellationToken socketStopping)
    {
        _socket = socket;
        _endpoint = endpoint;
        Text = text;
        Peer = new Peer(socket, text, persistent: true);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(socketStopping);
    }

    /// <summary>The endpoint as the application gave it.</summary>
    public string Text { get; }

    public Peer Peer { get; }

    public Task Completion => _run;

    public void Start() => _run = Task.Run(RunAsync);

    /// <summary>Stops reconnecting and ends the current connection.</summary>
    public Task StopAsync()
    {
        _stop.Cancel();
        return _run;
    }

    private async Task RunAsync()
    {
        var options = _socket.Options;
        var backoff = new ReconnectBackoff(options.ReconnectInterval, options.ReconnectIntervalMax);
        var token = _stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                ZmtpConnection? connection = null;
                var monitor = _socket.Monitor;
                monitor.Emit(SocketEventType.ConnectDelayed, Text, EInProgress);
                try
                {
                    connection = await ZmtpTransport.ConnectAsync(_endpoint, _socket.CreateTransportOptions(), token).ConfigureAwait(false);
                    monitor.Emit(SocketEventType.Connected, Text);
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    // Refused or unreachable: the peer may not be up yet (connect before bind works).
                    monitor.Emit(SocketEventType.Closed, Text, 0, ex.Message);
                }

                if (connection is not null)
                {
                    var outcome = await PeerConnection.RunAsync(_socket, Peer, connection, isServer: false, Text, token).ConfigureAwait(false);
                    if (outcome == ConnectionOutcome.ProtocolError)
                    {
                        // libzmq abandons an endpoint whose peer broke the protocol (zmtp-wire.md section 13).
                        break;
                    }

                    if (outcome == ConnectionOutcome.Closed)
                    {
                        backoff.Reset();
                    }
                }

                if (!backoff.Enabled)
                {
                    break;
                }

                var delay = backoff.NextDelay();
                _socket.Monitor.Emit(SocketEventType.ConnectRetried, Text, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disconnect or socket close.
        }
    }
}
