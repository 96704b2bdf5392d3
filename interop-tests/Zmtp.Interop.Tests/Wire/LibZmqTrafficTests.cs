using System.Text;
using Zmtp.Interop.Tests.Native;

namespace Zmtp.Interop.Tests.Wire;

/// <summary>
/// Message and command bytes exchanged with real libzmq after the handshake (zmtp-wire.md 4.3, 10.2, 12.3, 13):
/// what libzmq sends is compared with the golden bytes, and libzmq must accept the bytes we send.
/// </summary>
public sealed class LibZmqTrafficTests : IDisposable
{
    private readonly ZmqContext _context = new();

    [Fact]
    public async Task Libzmq_req_sends_hello_after_empty_delimiter_and_accepts_our_reply()
    {
        using var listener = new RawListener();
        var req = _context.Socket(Zmq.Req);
        req.Connect(listener.Endpoint);
        req.Send("Hello");
        using var peer = await listener.AcceptAsync();

        // We play REP with the RFC-form greeting (zero padding) and the golden REP READY.
        await peer.SendAsync(Golden.Greeting31, Golden.Ready("REP"));
        Assert.Equal(Golden.LibZmqGreeting, await peer.ReadExactlyAsync(64));
        Assert.Equal(Golden.ToHex(Golden.Ready("REQ")), Golden.ToHex(await peer.ReadFrameAsync()));
        Assert.Equal(Golden.ToHex(Golden.ReqHello), Golden.ToHex(await ReadMessageBytesAsync(peer)));

        await peer.SendAsync(Golden.RepWorld);
        Assert.Equal("World", req.ReceiveString());
    }

    [Fact]
    public async Task Libzmq_rep_receives_our_request_and_replies_with_delimiter()
    {
        var rep = _context.Socket(Zmq.Rep);
        var endpoint = rep.Bind("tcp://127.0.0.1:*");
        using var peer = await RawPeer.ConnectAsync(endpoint);
        await HandshakeAsync(peer, "REQ", "REP");
        await peer.SendAsync(Golden.ReqHello);

        Assert.Equal("Hello", rep.ReceiveString());
        rep.Send("World");
        Assert.Equal(Golden.ToHex(Golden.RepWorld), Golden.ToHex(await ReadMessageBytesAsync(peer)));
    }

    [Fact]
    public async Task Libzmq_pull_decodes_short_long_empty_and_multipart_frames()
    {
        var pull = _context.Socket(Zmq.Pull);
        var endpoint = pull.Bind("tcp://127.0.0.1:*");
        using var peer = await RawPeer.ConnectAsync(endpoint);
        var body255 = Enumerable.Range(0, 255).Select(i => (byte)i).ToArray();
        var body256 = Enumerable.Range(0, 256).Select(i => (byte)(255 - i)).ToArray();
        await HandshakeAsync(peer, "PUSH", "PULL");
        await peer.SendAsync(
            Golden.Hex("00 05 48 65 6C 6C 6F"),                      // "Hello"
            Golden.Hex("01 01 41 00 01 42"),                         // "A","B"
            Golden.Hex("00 00"),                                     // one empty frame
            [0x00, 0xFF, .. body255],                                // 255 octets: still short
            [0x02, 0, 0, 0, 0, 0, 0, 0x01, 0x00, .. body256],        // 256 octets: long
            [0x03, 0, 0, 0, 0, 0, 0, 0x01, 0x00, .. body256, 0x00, 0x00]); // long with MORE, then empty last

        Assert.Equal(["Hello"u8.ToArray()], pull.ReceiveMultipart());
        Assert.Equal(["A"u8.ToArray(), "B"u8.ToArray()], pull.ReceiveMultipart());
        Assert.Equal([Array.Empty<byte>()], pull.ReceiveMultipart());
        Assert.Equal([body255], pull.ReceiveMultipart());
        Assert.Equal([body256], pull.ReceiveMultipart());
        Assert.Equal([body256, Array.Empty<byte>()], pull.ReceiveMultipart());
    }

    [Fact]
    public async Task Libzmq_push_encodes_frames_as_in_the_golden_table()
    {
        var push = _context.Socket(Zmq.Push);
        var endpoint = push.Bind("tcp://127.0.0.1:*");
        using var peer = await RawPeer.ConnectAsync(endpoint);
        await HandshakeAsync(peer, "PULL", "PUSH");

        var body256 = new byte[256];
        push.SendMultipart("A"u8.ToArray(), "B"u8.ToArray());
        push.SendMultipart(new byte[255]);
        push.SendMultipart(body256, body256);

        Assert.Equal(Golden.Hex("01 01 41 00 01 42"), await peer.ReadExactlyAsync(6));
        Assert.Equal([0x00, 0xFF, .. new byte[255]], await peer.ReadExactlyAsync(257));
        Assert.Equal([0x03, 0, 0, 0, 0, 0, 0, 0x01, 0x00, .. body256], await peer.ReadExactlyAsync(265));
        Assert.Equal([0x02, 0, 0, 0, 0, 0, 0, 0x01, 0x00, .. body256], await peer.ReadExactlyAsync(265));
    }

    [Fact]
    public async Task Libzmq_sub_sends_subscribe_and_cancel_commands_to_a_zmtp31_peer()
    {
        using var listener = new RawListener();
        var sub = _context.Socket(Zmq.Sub);
        sub.Connect(listener.Endpoint);
        sub.Subscribe("A");
        sub.Subscribe("weather");
        using var peer = await listener.AcceptAsync();
        await peer.SendAsync(Golden.Greeting31, Golden.Ready("PUB"));
        Assert.Equal(Golden.LibZmqGreeting, await peer.ReadExactlyAsync(64));
        Assert.Equal(Golden.Ready("SUB"), await peer.ReadFrameAsync());

        Assert.Equal(Golden.ToHex(Golden.SubscribeA31), Golden.ToHex(await peer.ReadFrameAsync()));
        Assert.Equal(Golden.ToHex(Golden.SubscribeWeather31), Golden.ToHex(await peer.ReadFrameAsync()));

        // libzmq's SUB also filters locally: "B-1" matches no subscription and must not be delivered.
        await peer.SendAsync(Golden.Hex("00 03 42 2D 31"), Golden.Hex("00 03 41 2D 31"), Golden.Hex("00 09 77 65 61 74 68 65 72 2D 31"));
        Assert.Equal("A-1", sub.ReceiveString());
        Assert.Equal("weather-1", sub.ReceiveString());

        sub.Unsubscribe("A");
        Assert.Equal(Golden.ToHex(Golden.CancelA31), Golden.ToHex(await peer.ReadFrameAsync()));
    }

    [Fact]
    public async Task Libzmq_sub_sends_message_form_subscriptions_to_a_zmtp30_peer()
    {
        using var listener = new RawListener();
        var sub = _context.Socket(Zmq.Sub);
        sub.Connect(listener.Endpoint);
        sub.Subscribe("A");
        using var peer = await listener.AcceptAsync();
        await peer.SendAsync(Golden.Greeting30, Golden.Ready("PUB"));
        Assert.Equal(Golden.LibZmqGreeting, await peer.ReadExactlyAsync(64));
        Assert.Equal(Golden.Ready("SUB"), await peer.ReadFrameAsync());

        Assert.Equal(Golden.ToHex(Golden.SubscribeA30), Golden.ToHex(await peer.ReadFrameAsync()));
        sub.Unsubscribe("A");
        Assert.Equal(Golden.ToHex(Golden.CancelA30), Golden.ToHex(await peer.ReadFrameAsync()));
    }

    [Fact]
    public async Task Libzmq_pub_accepts_both_subscription_forms_from_us()
    {
        var pub = _context.Socket(Zmq.Pub);
        var endpoint = pub.Bind("tcp://127.0.0.1:*");
        using var peer = await RawPeer.ConnectAsync(endpoint);
        await HandshakeAsync(peer, "SUB", "PUB");
        await peer.SendAsync(Golden.SubscribeA31, Golden.Hex("00 02 01 43"));

        // The subscriptions reach the PUB asynchronously: publish until the first match shows up.
        var deadline = DateTime.UtcNow + RawPeer.DefaultTimeout;
        var readTask = peer.ReadFrameAsync();
        while (!readTask.IsCompleted && DateTime.UtcNow < deadline)
        {
            pub.SendMultipart("B-skip"u8.ToArray());
            pub.SendMultipart("A-probe"u8.ToArray());
            await Task.WhenAny(readTask, Task.Delay(20));
        }

        // "B-skip" must never be forwarded: the first frame we see is a probe.
        Assert.Equal("A-probe", Encoding.ASCII.GetString((await readTask)[2..]));
        pub.SendMultipart("C-1"u8.ToArray());
        while (true)
        {
            var frame = await peer.ReadFrameAsync();
            var text = Encoding.ASCII.GetString(frame[2..]);
            Assert.NotEqual("B-skip", text);
            if (text == "C-1")
            {
                break;
            }
        }
    }

    [Fact]
    public async Task Libzmq_answers_ping_with_pong_echoing_the_context()
    {
        var dealer = _context.Socket(Zmq.Dealer);
        var endpoint = dealer.Bind("tcp://127.0.0.1:*");
        using var peer = await RawPeer.ConnectAsync(endpoint);
        await HandshakeAsync(peer, "DEALER", "DEALER");
        await peer.SendAsync(Golden.PingLol);

        Assert.Equal(Golden.ToHex(Golden.PongLol), Golden.ToHex(await peer.ReadFrameAsync()));
    }

    [Fact]
    public async Task Libzmq_closes_silently_on_an_incompatible_socket_type()
    {
        var push = _context.Socket(Zmq.Push);
        var endpoint = push.Bind("tcp://127.0.0.1:*");
        using var peer = await RawPeer.ConnectAsync(endpoint);
        await peer.SendAsync(Golden.Greeting31);
        Assert.Equal(Golden.LibZmqGreeting, await peer.ReadExactlyAsync(64));
        Assert.Equal(Golden.Ready("PUSH"), await peer.ReadFrameAsync());

        // Our READY announces REP, which PUSH does not accept: libzmq closes without an ERROR command
        // (zmtp-wire.md 6.3, 13), so nothing at all follows its READY.
        await peer.SendAsync(Golden.Ready("REP"));
        Assert.Empty(await peer.ReadToEndAsync());
    }

    [Fact]
    public async Task Libzmq_ignores_an_unknown_command_after_the_handshake()
    {
        var pull = _context.Socket(Zmq.Pull);
        var endpoint = pull.Bind("tcp://127.0.0.1:*");
        using var peer = await RawPeer.ConnectAsync(endpoint);
        await HandshakeAsync(peer, "PUSH", "PULL");
        await peer.SendAsync(Golden.Hex("04 04 03 46 4F 4F"), Golden.Hex("00 02 68 69"));

        Assert.Equal("hi", pull.ReceiveString());
    }

    /// <summary>
    /// Sends our greeting and READY in one write and checks libzmq's. Messages may only follow once libzmq's
    /// READY has arrived (see LibZmqGreetingTests.Libzmq_drops_the_connection_if_a_message_arrives_before_it_has_sent_ready).
    /// </summary>
    private static async Task HandshakeAsync(RawPeer peer, string ourType, string theirType)
    {
        await peer.SendAsync(Golden.Greeting31, Golden.Ready(ourType));
        Assert.Equal(Golden.ToHex(Golden.LibZmqGreeting), Golden.ToHex(await peer.ReadExactlyAsync(64)));
        Assert.Equal(Golden.ToHex(Golden.Ready(theirType)), Golden.ToHex(await peer.ReadFrameAsync()));
    }

    /// <summary>Reads frames until one without MORE and returns their bytes concatenated.</summary>
    private static async Task<byte[]> ReadMessageBytesAsync(RawPeer peer)
    {
        var all = new List<byte>();
        byte[] frame;
        do
        {
            frame = await peer.ReadFrameAsync();
            all.AddRange(frame);
        }
        while ((frame[0] & 0x01) != 0);
        return [.. all];
    }

    public void Dispose() => _context.Dispose();
}
