using System.Net;
using System.Net.Sockets;

namespace Zmtp.Interop.Tests.Wire;

/// <summary>A loopback TCP listener on an ephemeral port, to accept connections from libzmq.</summary>
internal sealed class RawListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public RawListener() => _listener.Start();

    /// <summary>tcp://127.0.0.1:port, ready for zmq_connect.</summary>
    public string Endpoint => $"tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public async Task<RawPeer> AcceptAsync()
    {
        using var cts = new CancellationTokenSource(RawPeer.DefaultTimeout);
        try
        {
            return new RawPeer(await _listener.AcceptSocketAsync(cts.Token));
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no connection arrived in time.");
        }
    }

    public void Dispose() => _listener.Stop();
}
