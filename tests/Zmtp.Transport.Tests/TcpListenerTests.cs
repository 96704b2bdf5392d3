using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Zmtp.Transport;

namespace Zmtp.Transport.Tests;

public sealed class TcpListenerTests
{
    [Fact]
    public async Task Binding_an_ephemeral_loopback_port_reports_the_port_and_accepts()
    {
        await using ZmtpListener listener = ZmtpTransport.Listen(ZmtpEndpoint.Parse("tcp://127.0.0.1:*"), new TransportOptions());

        Match match = Regex.Match(listener.Endpoint, @"^tcp://127\.0\.0\.1:(\d+)$");
        Assert.True(match.Success, listener.Endpoint);
        int port = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(port, 1, 65535);

        var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        ValueTask<ZmtpConnection?> accept = listener.AcceptAsync();
        await raw.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(TestPipes.Timeout);
        ZmtpConnection? server = await accept.AsTask().WaitAsync(TestPipes.Timeout);

        Assert.NotNull(server);
        Assert.Equal(listener.Endpoint, server.LocalEndpoint);
        Assert.Equal($"tcp://127.0.0.1:{((IPEndPoint)raw.LocalEndPoint!).Port}", server.RemoteEndpoint);
        Assert.Equal("127.0.0.1", server.PeerAddress);
        raw.Dispose();
        await TestPipes.DisposeAllAsync(server);
    }

    [Fact]
    public async Task Binding_the_wildcard_host_listens_on_all_IPv4_interfaces()
    {
        await using ZmtpListener listener = ZmtpTransport.Listen(ZmtpEndpoint.Parse("tcp://*:*"), new TransportOptions());

        Assert.Matches(@"^tcp://0\.0\.0\.0:\d+$", listener.Endpoint);
        int port = ZmtpEndpoint.Parse(listener.Endpoint).Port;
        var (_, client, server) = await ConnectAsync(listener, $"tcp://127.0.0.1:{port}");
        await TestPipes.DisposeAllAsync(client, server);
    }

    [Fact]
    public async Task Binding_the_wildcard_host_with_Ipv6_is_dual_stack()
    {
        var options = new TransportOptions { Ipv6 = true };
        await using ZmtpListener listener = ZmtpTransport.Listen(ZmtpEndpoint.Parse("tcp://*:*"), options);

        Assert.Matches(@"^tcp://\[::\]:\d+$", listener.Endpoint);
        int port = ZmtpEndpoint.Parse(listener.Endpoint).Port;

        var (_, v4Client, v4Server) = await ConnectAsync(listener, $"tcp://127.0.0.1:{port}");
        Assert.Equal("127.0.0.1", v4Server.PeerAddress); // IPv4-mapped address shown as plain IPv4
        Assert.StartsWith("tcp://127.0.0.1:", v4Server.RemoteEndpoint, StringComparison.Ordinal);

        var (_, v6Client, v6Server) = await ConnectAsync(listener, $"tcp://[::1]:{port}");
        Assert.Equal("::1", v6Server.PeerAddress);
        await TestPipes.DisposeAllAsync(v4Client, v4Server, v6Client, v6Server);
    }

    [Fact]
    public async Task Binds_and_connects_over_IPv6_loopback()
    {
        await using ZmtpListener listener = ZmtpTransport.Listen(ZmtpEndpoint.Parse("tcp://[::1]:*"), new TransportOptions());

        Assert.Matches(@"^tcp://\[::1\]:\d+$", listener.Endpoint);
        var (_, client, server) = await ConnectAsync(listener, listener.Endpoint);

        Assert.Equal("::1", server.PeerAddress);
        Assert.Equal("::1", client.PeerAddress);
        Assert.Equal(listener.Endpoint, client.RemoteEndpoint);
        Assert.Matches(@"^tcp://\[::1\]:\d+$", server.RemoteEndpoint);
        await TestPipes.DisposeAllAsync(client, server);
    }

    [Fact]
    public async Task Connects_by_host_name()
    {
        await using ZmtpListener listener = ZmtpTransport.Listen(ZmtpEndpoint.Parse("tcp://127.0.0.1:*"), new TransportOptions());
        int port = ZmtpEndpoint.Parse(listener.Endpoint).Port;

        var (_, client, server) = await ConnectAsync(listener, $"tcp://localhost:{port}");

        Assert.Equal("127.0.0.1", client.PeerAddress);
        Assert.Equal(listener.Endpoint, client.RemoteEndpoint);
        Assert.Equal(client.LocalEndpoint, server.RemoteEndpoint);
        Assert.Equal(client.RemoteEndpoint, server.LocalEndpoint);
        await TestPipes.DisposeAllAsync(client, server);
    }

    [Fact]
    public async Task Binds_by_host_name()
    {
        await using ZmtpListener listener = ZmtpTransport.Listen(ZmtpEndpoint.Parse("tcp://localhost:*"), new TransportOptions());

        Assert.Matches(@"^tcp://127\.0\.0\.1:\d+$", listener.Endpoint);
    }

    [Fact]
    public async Task Every_connection_has_TCP_NODELAY_on_both_sides()
    {
        await using ZmtpListener listener = ZmtpTransport.Listen(ZmtpEndpoint.Parse("tcp://127.0.0.1:*"), new TransportOptions());
        var (_, client, server) = await ConnectAsync(listener, listener.Endpoint);

        Assert.True(((SocketConnection)client).Socket.NoDelay);
        Assert.True(((SocketConnection)server).Socket.NoDelay);
        await TestPipes.DisposeAllAsync(client, server);
    }

    [Fact]
    public async Task Buffer_sizes_are_applied_when_configured()
    {
        var options = new TransportOptions { SendBufferSize = 64 * 1024, ReceiveBufferSize = 96 * 1024 };
        await using ZmtpListener listener = ZmtpTransport.Listen(ZmtpEndpoint.Parse("tcp://127.0.0.1:*"), options);
        ValueTask<ZmtpConnection?> accept = listener.AcceptAsync();
        ZmtpConnection client = await ZmtpTransport.ConnectAsync(ZmtpEndpoint.Parse(listener.Endpoint), options);
        ZmtpConnection? server = await accept.AsTask().WaitAsync(TestPipes.Timeout);

        // Linux doubles the requested size for bookkeeping; at least the request must be in force.
        Assert.True(((SocketConnection)client).Socket.SendBufferSize >= 64 * 1024);
        Assert.True(((SocketConnection)server!).Socket.ReceiveBufferSize >= 96 * 1024);
        await TestPipes.DisposeAllAsync(client, server);
    }

    [Fact]
    public async Task A_second_bind_of_a_port_in_use_fails_with_AddressAlreadyInUse()
    {
        await using ZmtpListener first = ZmtpTransport.Listen(ZmtpEndpoint.Parse("tcp://127.0.0.1:*"), new TransportOptions());

        var error = Assert.Throws<SocketException>(() => ZmtpTransport.Listen(ZmtpEndpoint.Parse(first.Endpoint), new TransportOptions()));
        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);

        int port = ZmtpEndpoint.Parse(first.Endpoint).Port;
        var wildcard = Assert.Throws<SocketException>(() => ZmtpTransport.Listen(ZmtpEndpoint.Parse($"tcp://*:{port}"), new TransportOptions()));
        Assert.Equal(SocketError.AddressAlreadyInUse, wildcard.SocketErrorCode);
    }

    [Fact]
    public async Task A_port_can_be_bound_again_at_once_after_unbind_even_with_connections_in_TIME_WAIT()
    {
        ZmtpListener listener = ZmtpTransport.Listen(ZmtpEndpoint.Parse("tcp://127.0.0.1:*"), new TransportOptions());
        string endpoint = listener.Endpoint;
        var (_, client, server) = await ConnectAsync(listener, endpoint);
        // The server side closes first, so its port is the one left in TIME_WAIT.
        Task<byte[]> clientEnd = TestPipes.ReadToEndAsync(client.Input);
        Task serverDispose = server.DisposeAsync().AsTask();
        await clientEnd;
        await TestPipes.DisposeAllAsync(client, listener);
        await serverDispose.WaitAsync(TestPipes.Timeout);

        await using ZmtpListener again = ZmtpTransport.Listen(ZmtpEndpoint.Parse(endpoint), new TransportOptions());

        Assert.Equal(endpoint, again.Endpoint);
    }

    [Fact]
    public async Task Disposing_the_listener_makes_pending_and_later_accepts_return_null()
    {
        ZmtpListener listener = ZmtpTransport.Listen(ZmtpEndpoint.Parse("tcp://127.0.0.1:*"), new TransportOptions());
        ValueTask<ZmtpConnection?> pending = listener.AcceptAsync();

        await listener.DisposeAsync();
        await listener.DisposeAsync(); // idempotent

        Assert.Null(await pending.AsTask().WaitAsync(TestPipes.Timeout));
        Assert.Null(await listener.AcceptAsync().AsTask().WaitAsync(TestPipes.Timeout));
    }

    [Fact]
    public async Task Accept_can_be_canceled()
    {
        await using ZmtpListener listener = ZmtpTransport.Listen(ZmtpEndpoint.Parse("tcp://127.0.0.1:*"), new TransportOptions());
        using var cancel = new CancellationTokenSource();
        ValueTask<ZmtpConnection?> pending = listener.AcceptAsync(cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.AsTask().WaitAsync(TestPipes.Timeout));
    }

    [Fact]
    public async Task Connecting_to_a_closed_port_is_refused()
    {
        ZmtpListener listener = ZmtpTransport.Listen(ZmtpEndpoint.Parse("tcp://127.0.0.1:*"), new TransportOptions());
        string endpoint = listener.Endpoint;
        await listener.DisposeAsync();

        var error = await Assert.ThrowsAsync<SocketException>(
            () => ZmtpTransport.ConnectAsync(ZmtpEndpoint.Parse(endpoint), new TransportOptions()).AsTask().WaitAsync(TestPipes.Timeout));

        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    [Fact]
    public async Task Connect_can_be_canceled_by_the_caller()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => ZmtpTransport.ConnectAsync(ZmtpEndpoint.Parse("tcp://127.0.0.1:9"), new TransportOptions(), cancel.Token).AsTask());
    }

    [Fact]
    public void Wildcards_and_inproc_are_rejected_where_they_make_no_sense()
    {
        var options = new TransportOptions();
        Assert.Throws<ArgumentException>(() => ZmtpTransport.ConnectAsync(ZmtpEndpoint.Parse("tcp://*:5555"), options));
        Assert.Throws<ArgumentException>(() => ZmtpTransport.ConnectAsync(ZmtpEndpoint.Parse("tcp://127.0.0.1:*"), options));
        Assert.Throws<ArgumentException>(() => ZmtpTransport.ConnectAsync(ZmtpEndpoint.Parse("ipc://*"), options));
        Assert.Throws<NotSupportedException>(() => ZmtpTransport.ConnectAsync(ZmtpEndpoint.Parse("inproc://x"), options));
        Assert.Throws<NotSupportedException>(() => ZmtpTransport.Listen(ZmtpEndpoint.Parse("inproc://x"), options));
    }

    private static async Task<(ZmtpListener Listener, ZmtpConnection Client, ZmtpConnection Server)> ConnectAsync(ZmtpListener listener, string target)
    {
        ValueTask<ZmtpConnection?> accept = listener.AcceptAsync();
        ZmtpConnection client = await ZmtpTransport.ConnectAsync(ZmtpEndpoint.Parse(target), new TransportOptions())
            .AsTask().WaitAsync(TestPipes.Timeout);
        ZmtpConnection? server = await accept.AsTask().WaitAsync(TestPipes.Timeout);
        Assert.NotNull(server);
        return (listener, client, server);
    }

    [Fact]
    public async Task Accepted_connections_get_keepalive_and_type_of_service_as_connecting_ones_do()
    {
        // Issue 9 (read in the code): the listener copied only the buffer sizes.
        var options = new TransportOptions { TcpKeepAlive = 1, TcpKeepAliveIdle = 77, TcpKeepAliveInterval = 13, TcpKeepAliveCount = 5, TypeOfService = 0x28 };
        await using ZmtpListener listener = ZmtpTransport.Listen(ZmtpEndpoint.Parse("tcp://127.0.0.1:*"), options);
        var (_, client, server) = await ConnectAsync(listener, listener.Endpoint);

        var socket = ((SocketConnection)server).Socket;
        Assert.Equal(1, (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)!);
        Assert.Equal(77, (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime)!);
        Assert.Equal(13, (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval)!);
        Assert.Equal(5, (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount)!);
        Assert.Equal(0x28, (int)socket.GetSocketOption(SocketOptionLevel.IP, SocketOptionName.TypeOfService)!);
        await TestPipes.DisposeAllAsync(client, server);
    }
}
