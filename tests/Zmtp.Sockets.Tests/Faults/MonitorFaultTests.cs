using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Zmtp.Sockets.Tests.Support;

namespace Zmtp.Sockets.Tests.Faults;

/// <summary>Every connection that ends after ACCEPTED or CONNECTED ends with DISCONNECTED, as in libzmq, so a
/// tool counting live connections by those events does not leak.</summary>
public sealed class MonitorFaultTests
{
    private const SocketEventType ConnectionEvents =
        SocketEventType.Accepted | SocketEventType.Connected | SocketEventType.HandshakeSucceeded |
        SocketEventType.HandshakeFailedNoDetail | SocketEventType.HandshakeFailedProtocol | SocketEventType.Disconnected;

    [Fact]
    public async Task A_peer_closing_during_the_greeting_gives_accepted_handshake_failed_then_disconnected()
    {
        // Issue 9, item 2: libzmq emits ACCEPTED, HANDSHAKE_FAILED_NO_DETAIL, DISCONNECTED; we stopped at the second.
        await using var context = new ZmtpContext();
        var pull = new PullSocket(context).NoLinger();
        var events = pull.StartMonitor(ConnectionEvents);
        var monitorEndpoint = $"inproc://monitor-{Guid.NewGuid():N}";
        pull.StartMonitor(monitorEndpoint, ConnectionEvents);
        var watcher = new PairSocket(context).NoLinger();
        watcher.Connect(monitorEndpoint);
        var endpoint = pull.BindLocal();

        using (var raw = await RawPeer.ConnectAsync(endpoint))
        {
            await raw.SendAsync([0xFF, 0, 0]);
        }

        var seen = await ReadTypesAsync(events, 3);
        Assert.Equal(new[] { SocketEventType.Accepted, SocketEventType.HandshakeFailedNoDetail, SocketEventType.Disconnected }, seen);
        var wire = await ReadWireIdsAsync(watcher, 3);
        Assert.Equal(new[] { 0x0020, 0x0800, 0x0200 }, wire);
    }

    [Fact]
    public async Task A_peer_with_the_wrong_mechanism_gives_handshake_failed_protocol_then_disconnected()
    {
        await using var pull = new PullSocket().NoLinger();
        var events = pull.StartMonitor(ConnectionEvents);
        var endpoint = pull.BindLocal();

        using var raw = await RawPeer.ConnectAsync(endpoint);
        await raw.SendAsync(RawPeer.Greeting("PLAIN"));

        var seen = await ReadTypesAsync(events, 3);
        Assert.Equal(new[] { SocketEventType.Accepted, SocketEventType.HandshakeFailedProtocol, SocketEventType.Disconnected }, seen);
    }

    [Fact]
    public async Task A_connect_side_handshake_failure_gives_connected_handshake_failed_then_disconnected()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        await using var push = new PushSocket().NoLinger();
        var events = push.StartMonitor(ConnectionEvents);
        push.Connect($"tcp://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        using (var accepted = await listener.AcceptSocketAsync().WaitAsync(Wait.Limit))
        {
            accepted.Shutdown(SocketShutdown.Both);
        }

        var seen = await ReadTypesAsync(events, 3);
        Assert.Equal(new[] { SocketEventType.Connected, SocketEventType.HandshakeFailedNoDetail, SocketEventType.Disconnected }, seen);
    }

    [Fact]
    public async Task A_second_pair_peer_refused_after_its_handshake_gives_disconnected()
    {
        await using var pair = new PairSocket().NoLinger();
        var events = pair.StartMonitor(ConnectionEvents);
        var endpoint = pair.BindLocal();
        await using var first = new PairSocket().NoLinger();
        first.Connect(endpoint);
        await first.SendAsync("first").Within();
        Assert.Equal("first", await pair.ReceiveStringAsync().Within());
        await using var second = new PairSocket().NoLinger();
        second.Connect(endpoint);

        var seen = await ReadTypesAsync(events, 4);
        Assert.Equal(new[] { SocketEventType.Accepted, SocketEventType.HandshakeSucceeded, SocketEventType.Accepted, SocketEventType.Disconnected }, seen);
    }

    private static async Task<SocketEventType[]> ReadTypesAsync(ChannelReader<SocketEvent> events, int count)
    {
        var types = new SocketEventType[count];
        for (var i = 0; i < count; i++)
        {
            types[i] = (await events.ReadAsync().AsTask().WaitAsync(Wait.Limit)).Type;
        }

        return types;
    }

    private static async Task<int[]> ReadWireIdsAsync(PairSocket watcher, int count)
    {
        var ids = new int[count];
        for (var i = 0; i < count; i++)
        {
            using var message = await watcher.ReceiveAsync().Within();
            ids[i] = BinaryPrimitives.ReadUInt16LittleEndian(message[0].Span);
        }

        return ids;
    }
}
