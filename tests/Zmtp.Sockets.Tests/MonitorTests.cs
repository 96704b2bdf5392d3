using System.Buffers.Binary;
using System.Threading.Channels;
using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>Socket monitor events, in the order libzmq emits them (socket-semantics.md 6.4).</summary>
public sealed class MonitorTests
{
    /// <summary>libzmq reports CONNECT_DELAYED with EINPROGRESS.</summary>
    private const int EInProgress = 115;

    [Fact]
    public async Task Bind_side_sees_listening_accepted_handshake_succeeded()
    {
        await using var router = new RouterSocket().NoLinger();
        var events = router.StartMonitor();
        var endpoint = router.BindLocal();
        await using var dealer = new DealerSocket().NoLinger();
        dealer.Connect(endpoint);

        var listening = await NextAsync(events);
        Assert.Equal(SocketEventType.Listening, listening.Type);
        Assert.Equal(endpoint, listening.Endpoint);
        Assert.Equal("listening", listening.Name);
        Assert.Equal(SocketEventType.Accepted, (await NextAsync(events)).Type);
        var handshake = await NextAsync(events);
        Assert.Equal(SocketEventType.HandshakeSucceeded, handshake.Type);
        Assert.Equal(0, handshake.Value);
        Assert.Equal("handshake-succeeded", handshake.Name);
    }

    [Fact]
    public async Task Connect_side_sees_delayed_connected_handshake_succeeded()
    {
        await using var router = new RouterSocket().NoLinger();
        var endpoint = router.BindLocal();
        await using var dealer = new DealerSocket().NoLinger();
        var events = dealer.StartMonitor();
        dealer.Connect(endpoint);

        var delayed = await NextAsync(events);
        Assert.Equal(SocketEventType.ConnectDelayed, delayed.Type);
        Assert.Equal(EInProgress, delayed.Value);
        Assert.Equal(endpoint, delayed.Endpoint);
        var connected = await NextAsync(events);
        Assert.Equal(SocketEventType.Connected, connected.Type);
        Assert.Equal(endpoint, connected.Endpoint);
        Assert.Equal(SocketEventType.HandshakeSucceeded, (await NextAsync(events)).Type);
    }

    [Fact]
    public async Task Peer_going_away_gives_disconnected_then_connect_retried()
    {
        var router = new RouterSocket().NoLinger();
        var endpoint = router.BindLocal();
        await using var dealer = new DealerSocket().NoLinger();
        var events = dealer.StartMonitor();
        dealer.Connect(endpoint);
        await SkipUntilAsync(events, SocketEventType.HandshakeSucceeded);

        await router.DisposeAsync();
        var disconnected = await NextAsync(events);
        Assert.Equal(SocketEventType.Disconnected, disconnected.Type);
        Assert.Equal(endpoint, disconnected.Endpoint);
        var retried = await NextAsync(events);
        Assert.Equal(SocketEventType.ConnectRetried, retried.Type);
        Assert.InRange(retried.Value, 100, 200);
    }

    [Fact]
    public async Task Connect_to_a_closed_port_gives_delayed_closed_retried()
    {
        await using var dealer = new DealerSocket().NoLinger();
        var events = dealer.StartMonitor();
        var endpoint = UnusedEndpoint();
        dealer.Connect(endpoint);

        Assert.Equal(SocketEventType.ConnectDelayed, (await NextAsync(events)).Type);
        var closed = await NextAsync(events);
        Assert.Equal(SocketEventType.Closed, closed.Type);
        Assert.Equal(endpoint, closed.Endpoint);
        var retried = await NextAsync(events);
        Assert.Equal(SocketEventType.ConnectRetried, retried.Type);
        Assert.InRange(retried.Value, 100, 200);

        // It keeps trying.
        Assert.Equal(SocketEventType.ConnectDelayed, (await NextAsync(events)).Type);
    }

    /// <summary>A PUSH connecting to a PUB breaks the handshake's socket-type rule: both sides report a
    /// protocol failure with a reason, and the connecting side does not retry.</summary>
    [Fact]
    public async Task Incompatible_peer_gives_handshake_failed_protocol()
    {
        await using var pub = new PubSocket().NoLinger();
        var serverEvents = pub.StartMonitor(SocketEventType.HandshakeFailedProtocol | SocketEventType.HandshakeSucceeded);
        var endpoint = pub.BindLocal();
        await using var push = new PushSocket().NoLinger();
        var clientEvents = push.StartMonitor();
        push.Connect(endpoint);

        var failed = await SkipUntilAsync(clientEvents, SocketEventType.HandshakeFailedProtocol, SocketEventType.HandshakeSucceeded);
        Assert.Equal(SocketEventType.HandshakeFailedProtocol, failed.Type);
        Assert.NotEqual(0, failed.Value);
        Assert.False(string.IsNullOrWhiteSpace(failed.Reason), "A protocol failure carries a reason.");
        Assert.Equal("handshake-failed-protocol", failed.Name);

        var serverFailed = await NextAsync(serverEvents);
        Assert.Equal(SocketEventType.HandshakeFailedProtocol, serverFailed.Type);
        Assert.False(string.IsNullOrWhiteSpace(serverFailed.Reason));

        // libzmq abandons an endpoint whose peer broke the protocol: no CONNECT_RETRIED follows.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            using var quiet = new CancellationTokenSource(Wait.Quiet);
            while (true)
            {
                var next = await clientEvents.ReadAsync(quiet.Token);
                Assert.NotEqual(SocketEventType.ConnectRetried, next.Type);
            }
        });
    }

    [Fact]
    public async Task Close_gives_closed_listener_then_monitor_stopped_and_completes()
    {
        var router = new RouterSocket().NoLinger();
        var events = router.StartMonitor();
        var endpoint = router.BindLocal();
        Assert.Equal(SocketEventType.Listening, (await NextAsync(events)).Type);

        await router.DisposeAsync();
        var closed = await NextAsync(events);
        Assert.Equal(SocketEventType.Closed, closed.Type);
        Assert.Equal(endpoint, closed.Endpoint);
        var stopped = await NextAsync(events);
        Assert.Equal(SocketEventType.MonitorStopped, stopped.Type);
        Assert.Equal(0, stopped.Value);
        Assert.Equal(string.Empty, stopped.Endpoint);
        await events.Completion.WaitAsync(Wait.Limit);
        Assert.False(events.TryRead(out _));
    }

    [Fact]
    public async Task Monitor_async_stream_ends_when_the_socket_closes()
    {
        var pull = new PullSocket().NoLinger();

        // An async iterator runs up to its first wait on the first MoveNextAsync: the monitor starts here.
        var stream = pull.MonitorAsync(SocketEventType.Listening | SocketEventType.MonitorStopped).GetAsyncEnumerator();
        var first = stream.MoveNextAsync();
        var endpoint = pull.BindLocal();
        Assert.True(await first.AsTask().WaitAsync(Wait.Limit));
        Assert.Equal(SocketEventType.Listening, stream.Current.Type);
        Assert.Equal(endpoint, stream.Current.Endpoint);

        await pull.DisposeAsync();
        Assert.True(await stream.MoveNextAsync().AsTask().WaitAsync(Wait.Limit));
        Assert.Equal(SocketEventType.MonitorStopped, stream.Current.Type);
        Assert.False(await stream.MoveNextAsync().AsTask().WaitAsync(Wait.Limit));
        await stream.DisposeAsync();
    }

    [Fact]
    public async Task Bind_failure_gives_bind_failed_with_eaddrinuse()
    {
        await using var first = new PullSocket().NoLinger();
        var endpoint = first.BindLocal();
        await using var second = new PullSocket().NoLinger();
        var events = second.StartMonitor();

        var error = Assert.Throws<ZmtpException>(() => second.Bind(endpoint));
        Assert.Equal(ZmtpError.AddressInUse, error.Error);
        var failed = await NextAsync(events);
        Assert.Equal(SocketEventType.BindFailed, failed.Type);
        Assert.Equal(98, failed.Value);
        Assert.Equal(endpoint, failed.Endpoint);
    }

    [Fact]
    public async Task Mask_filters_events()
    {
        await using var router = new RouterSocket().NoLinger();
        var events = router.StartMonitor(SocketEventType.HandshakeSucceeded);
        var all = router.StartMonitor();
        var endpoint = router.BindLocal();
        var dealer = new DealerSocket().NoLinger();
        dealer.Connect(endpoint);

        Assert.Equal(SocketEventType.HandshakeSucceeded, (await NextAsync(events)).Type);
        await SkipUntilAsync(all, SocketEventType.HandshakeSucceeded);
        await dealer.DisposeAsync();
        await SkipUntilAsync(all, SocketEventType.Disconnected);
        await router.DisposeAsync();
        await SkipUntilAsync(all, SocketEventType.MonitorStopped);

        // The masked monitor saw none of the others, not even MONITOR_STOPPED, and has ended.
        await events.Completion.WaitAsync(Wait.Limit);
        Assert.False(events.TryRead(out _));
    }

    /// <summary>libzmq's monitor format on a PAIR: frame 1 is six bytes (u16 event, u32 value, little-endian),
    /// frame 2 the endpoint.</summary>
    [Fact]
    public async Task Inproc_monitor_endpoint_uses_the_libzmq_wire_format()
    {
        await using var context = new ZmtpContext();
        var router = new RouterSocket(context).NoLinger();
        var monitorEndpoint = $"inproc://mon-{Guid.NewGuid():N}";
        router.StartMonitor(monitorEndpoint, SocketEventType.Listening | SocketEventType.Accepted | SocketEventType.HandshakeSucceeded);
        var watcher = new PairSocket(context).NoLinger();
        watcher.Connect(monitorEndpoint);

        var endpoint = router.BindLocal();
        var dealer = new DealerSocket(context).NoLinger();
        dealer.Connect(endpoint);

        var expected = new[] { 8, 32, 4096 };
        foreach (var id in expected)
        {
            var message = await watcher.ReceiveAsync().Within();
            Assert.Equal(2, message.Count);
            Assert.Equal(6, message[0].Length);
            Assert.Equal(id, BinaryPrimitives.ReadUInt16LittleEndian(message[0].Span));
            if (id == 4096)
            {
                Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(message[0].Span[2..]));
            }

            Assert.Equal(endpoint, message.GetString(1));
        }
    }

    [Fact]
    public void Monitor_endpoint_must_be_inproc()
    {
        using var router = new RouterSocket().NoLinger();
        Assert.Throws<ArgumentException>(() => router.StartMonitor("tcp://127.0.0.1:5555"));
    }

    private static Task<SocketEvent> NextAsync(ChannelReader<SocketEvent> events) =>
        events.ReadAsync().AsTask().WaitAsync(Wait.Limit);

    /// <summary>Reads events until one of <paramref name="types"/> and returns it.</summary>
    private static async Task<SocketEvent> SkipUntilAsync(ChannelReader<SocketEvent> events, params SocketEventType[] types)
    {
        while (true)
        {
            var next = await NextAsync(events);
            if (types.Contains(next.Type))
            {
                return next;
            }
        }
    }
}
