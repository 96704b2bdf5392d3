using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Zmtp.Sockets.Tests.Support;

namespace Zmtp.Sockets.Tests;

/// <summary>ZMTP 3.1 heartbeats (libzmq test_heartbeats, checklist item 30) against a raw peer.</summary>
public sealed class HeartbeatTests
{
    [Fact]
    public async Task Ping_is_answered_with_pong_echoing_its_context_cut_to_16_octets()
    {
        await using var router = new RouterSocket();
        router.Options.Linger = TimeSpan.Zero;
        var endpoint = router.Bind("tcp://127.0.0.1:*");
        using var raw = await RawPeer.HandshakeAsync(endpoint, "DEALER");

        // PING ttl 0, context "LOL": PONG "LOL" (zmtp-wire.md 12.3).
        await raw.SendAsync(Hex("040A0450494E4700004C4F4C"));
        Assert.Equal("040804504F4E474C4F4C", Convert.ToHexString(await raw.ReadAsync(10)));

        // A 58-octet context is cut to its first 16 octets in the PONG.
        var context = "LOL"u8.ToArray().Concat(Enumerable.Repeat((byte)'z', 55)).ToArray();
        await raw.SendAsync(new byte[] { 0x04, (byte)(7 + context.Length), 0x04, (byte)'P', (byte)'I', (byte)'N', (byte)'G', 0, 0 }.Concat(context).ToArray());
        var pong = await raw.ReadAsync(2 + 5 + 16);
        Assert.Equal("041504504F4E47" + Convert.ToHexString(context.AsSpan(0, 16)), Convert.ToHexString(pong));
    }

    [Fact]
    public async Task A_silent_peer_is_disconnected_after_the_heartbeat_timeout_and_reconnected()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var dealer = new DealerSocket();
        dealer.Options.Linger = TimeSpan.Zero;
        dealer.Options.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
        dealer.Options.HeartbeatTimeout = TimeSpan.FromMilliseconds(300);
        var events = dealer.StartMonitor(SocketEventType.HandshakeSucceeded | SocketEventType.Disconnected);
        dealer.Connect($"tcp://127.0.0.1:{port}");

        using var raw = RawPeer.From(await listener.AcceptSocketAsync().WaitAsync(Wait.Limit));
        await raw.CompleteHandshakeAsync("ROUTER");
        Assert.Equal(SocketEventType.HandshakeSucceeded, (await events.ReadAsync().AsTask().WaitAsync(Wait.Limit)).Type);
        var connected = Stopwatch.StartNew();

        // Our PINGs arrive; the raw peer never answers.
        var ping = await raw.ReadAsync(9);
        Assert.Equal("04070450494E470000", Convert.ToHexString(ping));

        Assert.Equal(SocketEventType.Disconnected, (await events.ReadAsync().AsTask().WaitAsync(Wait.Limit)).Type);
        Assert.InRange(connected.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));

        // The connector reconnects after a drop that was not a protocol error.
        using var again = await listener.AcceptSocketAsync().WaitAsync(Wait.Limit);
        Assert.True(again.Connected);
    }

    [Fact]
    public async Task A_peer_ping_ttl_makes_us_drop_the_connection_when_the_peer_goes_quiet()
    {
        await using var router = new RouterSocket();
        router.Options.Linger = TimeSpan.Zero;
        var events = router.StartMonitor(SocketEventType.Disconnected);
        var endpoint = router.Bind("tcp://127.0.0.1:*");
        using var raw = await RawPeer.HandshakeAsync(endpoint, "DEALER");
        var sent = Stopwatch.StartNew();

        // PING with TTL 2 deciseconds: without more traffic within 200 ms, the connection goes.
        await raw.SendAsync(Hex("04070450494E470002"));
        Assert.Equal(SocketEventType.Disconnected, (await events.ReadAsync().AsTask().WaitAsync(Wait.Limit)).Type);
        Assert.True(sent.Elapsed >= TimeSpan.FromMilliseconds(150), $"dropped after {sent.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Heartbeats_on_both_sides_keep_the_connection_up()
    {
        await using var router = new RouterSocket();
        router.Options.Linger = TimeSpan.Zero;
        // The timeout leaves room for a loaded machine (a late PONG would drop the connection, and a message
        // sent as it drops is lost, as in libzmq); the idle time is still more than twice the timeout.
        router.Options.HeartbeatInterval = TimeSpan.FromMilliseconds(50);
        router.Options.HeartbeatTimeout = TimeSpan.FromMilliseconds(500);
        var events = router.StartMonitor(SocketEventType.Accepted | SocketEventType.Disconnected);
        var endpoint = router.Bind("tcp://127.0.0.1:*");
        await using var dealer = new DealerSocket();
        dealer.Options.Linger = TimeSpan.Zero;
        dealer.Options.HeartbeatInterval = TimeSpan.FromMilliseconds(50);
        dealer.Options.HeartbeatTimeout = TimeSpan.FromMilliseconds(500);
        dealer.Connect(endpoint);
        await dealer.SendAsync("first").Within();
        using var first = await router.ReceiveAsync().Within();

        // Idle for many heartbeat periods and longer than the timeout: nobody may be dropped.
        await Task.Delay(TimeSpan.FromMilliseconds(1200));
        await dealer.SendAsync("second").Within();
        using var second = await router.ReceiveAsync().Within();
        Assert.Equal("second", second.GetString(1));
        Assert.Equal(SocketEventType.Accepted, (await events.ReadAsync().AsTask().WaitAsync(Wait.Limit)).Type);
        Assert.False(events.TryRead(out var extra), $"unexpected event {extra?.Name}");
    }

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
