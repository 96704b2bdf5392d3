using Zmtp.Interop.Tests.Native;

namespace Zmtp.Interop.Tests.Wire;

/// <summary>Pins the READY golden bytes of zmtp-wire.md table 7.3 to real libzmq, for binders and connectors.</summary>
public sealed class LibZmqReadyTests : IDisposable
{
    private readonly ZmqContext _context = new();

    public static TheoryData<int, string> SocketTypes => new()
    {
        { Zmq.Req, "REQ" },
        { Zmq.Rep, "REP" },
        { Zmq.Pub, "PUB" },
        { Zmq.Sub, "SUB" },
        { Zmq.Push, "PUSH" },
        { Zmq.Pull, "PULL" },
        { Zmq.Dealer, "DEALER" },
        { Zmq.Router, "ROUTER" },
        { Zmq.XPub, "XPUB" },
        { Zmq.XSub, "XSUB" },
        { Zmq.Pair, "PAIR" },
    };

    [Theory]
    [MemberData(nameof(SocketTypes))]
    public async Task Bound_libzmq_sends_golden_greeting_and_ready(int type, string name)
    {
        var socket = _context.Socket(type);
        var endpoint = socket.Bind("tcp://127.0.0.1:*");
        using var peer = await RawPeer.ConnectAsync(endpoint);
        await peer.SendAsync(Golden.Greeting31);

        Assert.Equal(Golden.ToHex(Golden.LibZmqGreeting), Golden.ToHex(await peer.ReadExactlyAsync(64)));
        Assert.Equal(Golden.ToHex(Golden.Ready(name)), Golden.ToHex(await peer.ReadFrameAsync()));
    }

    [Theory]
    [MemberData(nameof(SocketTypes))]
    public async Task Connecting_libzmq_sends_golden_greeting_and_ready(int type, string name)
    {
        using var listener = new RawListener();
        var socket = _context.Socket(type);
        socket.Connect(listener.Endpoint);
        using var peer = await listener.AcceptAsync();
        await peer.SendAsync(Golden.Greeting31);

        Assert.Equal(Golden.ToHex(Golden.LibZmqGreeting), Golden.ToHex(await peer.ReadExactlyAsync(64)));
        Assert.Equal(Golden.ToHex(Golden.Ready(name)), Golden.ToHex(await peer.ReadFrameAsync()));
    }

    [Fact]
    public async Task Routing_id_goes_into_identity_property_and_greeting_padding()
    {
        var dealer = _context.Socket(Zmq.Dealer);
        dealer.SetOption(Zmq.RoutingId, "abc"u8);
        var endpoint = dealer.Bind("tcp://127.0.0.1:*");
        using var peer = await RawPeer.ConnectAsync(endpoint);
        await peer.SendAsync(Golden.Greeting31);

        // libzmq pads with u64be(id length + 1): 4 for "abc" (zmtp-wire.md 2.1).
        var greeting = await peer.ReadExactlyAsync(64);
        Assert.Equal(Golden.Hex("FF 00 00 00 00 00 00 00 04 7F 03 01"), greeting[..12]);
        Assert.Equal(Golden.ToHex(Golden.DealerReadyWithIdAbc), Golden.ToHex(await peer.ReadFrameAsync()));
    }

    public void Dispose() => _context.Dispose();
}
