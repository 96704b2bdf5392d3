using System.Net;
using System.Net.Sockets;

namespace Zmtp.Transport;

/// <summary>tcp:// listening and connecting.</summary>
internal static class TcpTransport
{
    public static SocketListener Listen(ZmtpEndpoint endpoint, TransportOptions options)
    {
        IPAddress address = SocketSetup.ResolveBindAddress(endpoint.Host, options.Ipv6);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.Equals(IPAddress.IPv6Any))
            {
                // "*" with IPV6 on: one dual-stack socket serves IPv4 and IPv6 peers, as libzmq does.
                socket.DualMode = true;
            }

            SocketSetup.AllowFastRebind(socket);
            // Set before listen so accepted sockets inherit the size (the window scale is fixed at the handshake).
            SocketSetup.ApplyBufferSizes(socket, options);
            socket.Bind(new IPEndPoint(address, endpoint.Port));
            socket.Listen(options.Backlog);
            string resolved = EndpointText.Tcp((IPEndPoint)socket.LocalEndPoint!);
            return new SocketListener(socket, resolved, options, ipcFile: null, ipcTempDirectory: null);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static async ValueTask<ZmtpConnection> ConnectAsync(ZmtpEndpoint endpoint, TransportOptions options, CancellationToken cancellationToken)
    {
        using CancellationTokenSource? timeout = ConnectTimeout.Create(options, cancellationToken);
        CancellationToken token = timeout?.Token ?? cancellationToken;
        IPAddress[] addresses;
        try
        {
            addresses = await SocketSetup.ResolveConnectAddressesAsync(endpoint.Host, options.Ipv6, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ConnectTimeout.Expired(timeout, cancellationToken))
        {
            throw ConnectTimeout.Error();
        }

        // Try each resolved address in turn (e.g. localhost as 127.0.0.1, then ::1); report the last refusal.
        SocketException? lastError = null;
        foreach (IPAddress address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                SocketSetup.ConfigureStream(socket, options, tcp: true);
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), token).ConfigureAwait(false);
                var local = (IPEndPoint)socket.LocalEndPoint!;
                var remote = (IPEndPoint)socket.RemoteEndPoint!;
                return new SocketConnection(socket, EndpointText.Tcp(local), EndpointText.Tcp(remote), EndpointText.Address(remote.Address));
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                lastError = ex;
            }
            catch (OperationCanceledException) when (ConnectTimeout.Expired(timeout, cancellationToken))
            {
                socket.Dispose();
                throw ConnectTimeout.Error();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw lastError ?? new SocketException((int)SocketError.HostNotFound);
    }
}
