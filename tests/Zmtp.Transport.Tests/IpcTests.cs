using System.Net.Sockets;
using Zmtp.Transport;

namespace Zmtp.Transport.Tests;

public sealed class IpcTests
{
    private static string TempSocketPath() => Path.Combine(Path.GetTempPath(), $"zmtp-test-{Guid.NewGuid():N}.sock");

    [Fact]
    public async Task Round_trips_over_a_socket_file_and_removes_it_on_unbind()
    {
        string path = TempSocketPath();
        var (listener, client, server) = await TestPipes.ConnectPairAsync("ipc://" + path);

        Assert.Equal("ipc://" + path, listener.Endpoint);
        Assert.True(File.Exists(path));
        await AssertRoundTripAsync(client, server);
        Assert.Equal("ipc://" + path, client.RemoteEndpoint);
        Assert.Equal("ipc://" + path, server.LocalEndpoint);
        Assert.Null(client.PeerAddress);
        Assert.Null(server.PeerAddress);

        await TestPipes.DisposeAllAsync(client, server, listener);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Round_trips_over_an_abstract_name_without_creating_a_file()
    {
        string name = $"@zmtp-test-{Guid.NewGuid():N}";
        var (listener, client, server) = await TestPipes.ConnectPairAsync("ipc://" + name);

        Assert.Equal("ipc://" + name, listener.Endpoint);
        Assert.False(File.Exists(name));
        Assert.False(File.Exists(name[1..]));
        await AssertRoundTripAsync(client, server);

        await TestPipes.DisposeAllAsync(client, server, listener);
        await Assert.ThrowsAsync<SocketException>(
            () => ZmtpTransport.ConnectAsync(ZmtpEndpoint.Parse("ipc://" + name), new TransportOptions()).AsTask());
    }

    [Fact]
    public async Task Binding_over_a_stale_socket_file_replaces_it()
    {
        string path = TempSocketPath();
        string stale = CreateStaleSocketFile();
        File.Move(stale, path);
        Assert.True(File.Exists(path));

        var (listener, client, server) = await TestPipes.ConnectPairAsync("ipc://" + path);

        await AssertRoundTripAsync(client, server);
        await TestPipes.DisposeAllAsync(client, server, listener);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Binding_a_path_a_live_listener_owns_fails_and_leaves_it_working()
    {
        string path = TempSocketPath();
        await using ZmtpListener first = ZmtpTransport.Listen(ZmtpEndpoint.Parse("ipc://" + path), new TransportOptions());

        var error = Assert.Throws<SocketException>(() => ZmtpTransport.Listen(ZmtpEndpoint.Parse("ipc://" + path), new TransportOptions()));

        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
        // The failed bind's liveness probe connected once; accept and drop it, then a real client still works.
        ZmtpConnection? probe = await first.AcceptAsync().AsTask().WaitAsync(TestPipes.Timeout);
        Assert.NotNull(probe);
        await probe.DisposeAsync().AsTask().WaitAsync(TestPipes.Timeout);
        ValueTask<ZmtpConnection?> accept = first.AcceptAsync();
        ZmtpConnection client = await ZmtpTransport.ConnectAsync(ZmtpEndpoint.Parse("ipc://" + path), new TransportOptions());
        ZmtpConnection? server = await accept.AsTask().WaitAsync(TestPipes.Timeout);
        Assert.NotNull(server);
        await AssertRoundTripAsync(client, server);
        await TestPipes.DisposeAllAsync(client, server);
    }

    [Fact]
    public async Task Binding_the_wildcard_path_creates_a_private_temporary_socket()
    {
        ZmtpListener listener = ZmtpTransport.Listen(ZmtpEndpoint.Parse("ipc://*"), new TransportOptions());
        string path = ZmtpEndpoint.Parse(listener.Endpoint).Path;

        Assert.NotEqual("*", path);
        Assert.True(Path.IsPathRooted(path), path);
        Assert.True(File.Exists(path));

        await listener.DisposeAsync();
        Assert.False(File.Exists(path));
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    private static string CreateStaleSocketFile()
    {
        // .NET removes a socket file when the socket that bound it is disposed, so move the file away first:
        // what is left is a socket file nobody listens on, as after a crash.
        string original = TempSocketPath();
        string moved = TempSocketPath();
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            socket.Bind(new UnixDomainSocketEndPoint(original));
            socket.Listen();
            File.Move(original, moved);
        }

        return moved;
    }

    private static async Task AssertRoundTripAsync(ZmtpConnection client, ZmtpConnection server)
    {
        await TestPipes.WriteAsync(client.Output, "ping"u8.ToArray());
        Assert.Equal("ping"u8.ToArray(), await TestPipes.ReadExactlyAsync(server.Input, 4));
        await TestPipes.WriteAsync(server.Output, "pong"u8.ToArray());
        Assert.Equal("pong"u8.ToArray(), await TestPipes.ReadExactlyAsync(client.Input, 4));
    }
}
