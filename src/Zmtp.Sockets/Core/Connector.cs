using Zmtp.Transport;

namespace Zmtp.Core;

/// <summary>
/// A connected endpoint: keeps one persistent peer connected, reconnecting after each drop with libzmq's
/// timing (RECONNECT_IVL, RECONNECT_IVL_MAX). A protocol error ends it for good, as in libzmq.
/// </summary>
internal sealed class Connector
{
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
                try
                {
                    connection = await ZmtpTransport.ConnectAsync(_endpoint, _socket.CreateTransportOptions(), token).ConfigureAwait(false);
                }
                catch (Exception) when (!token.IsCancellationRequested)
                {
                    // Refused or unreachable: the peer may not be up yet (connect before bind works).
                }

                if (connection is not null)
                {
                    var outcome = await PeerConnection.RunAsync(_socket, Peer, connection, isServer: false, token).ConfigureAwait(false);
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

                await Task.Delay(backoff.NextDelay(), token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disconnect or socket close.
        }
        finally
        {
            _stop.Dispose();
        }
    }
}
