using Zmtp.Interop.Tests.Wire;

namespace Zmtp.Interop.Tests.Sockets;

/// <summary>
/// What our sockets put on the wire, checked with a raw peer against the rules libzmq depends on
/// (zmtp-wire.md 2.3 and 7, and LibZmqGreetingTests' finding that a message before libzmq's READY kills the connection).
/// </summary>
public sealed class OurWireTests
{
    [Fact]
    public async Task Our_push_sends_greeting_and_ready_but_holds_messages_until_the_peer_ready_arrives()
    {
        using var listener = new RawListener();
        await using var push = new PushSocket().Quick();
        push.Connect(listener.Endpoint);
        // Queued before any connection exists: it must still wait for the handshake to finish.
        await push.SendWithinAsync("Hello");
        using var peer = await listener.AcceptAsync();

        // Our full greeting must come without waiting for the peer's (libzmq waits for our signature).
        var greeting = await peer.ReadExactlyAsync(64);
        Assert.Equal(0xFF, greeting[0]);
        Assert.Equal(0x7F, greeting[9]);
        Assert.Equal(Golden.ToHex(Golden.Greeting31[10..]), Golden.ToHex(greeting[10..]));

        await peer.SendAsync(Golden.Greeting31);
        Assert.Equal(Golden.ToHex(Golden.Ready("PUSH")), Golden.ToHex(await peer.ReadFrameAsync()));
        Assert.True(await peer.IsQuietForAsync(TimeSpan.FromMilliseconds(300)), "our PUSH sent data before the peer's READY");

        await peer.SendAsync(Golden.Ready("PULL"));
        Assert.Equal(Golden.ToHex(Golden.Hex("00 05 48 65 6C 6C 6F")), Golden.ToHex(await peer.ReadExactlyAsync(7)));
    }

    [Fact]
    public async Task Our_req_request_has_the_golden_framing()
    {
        using var listener = new RawListener();
        await using var req = new ReqSocket().Quick();
        req.Connect(listener.Endpoint);
        using var peer = await listener.AcceptAsync();
        await peer.SendAsync(Golden.Greeting31, Golden.Ready("REP"));
        await peer.ReadExactlyAsync(64);
        // Same READY as libzmq's REQ, including the empty Identity property (zmtp-wire.md 7.3).
        Assert.Equal(Golden.ToHex(Golden.Ready("REQ")), Golden.ToHex(await peer.ReadFrameAsync()));

        await req.SendWithinAsync("Hello");
        Assert.Equal(Golden.ToHex(Golden.ReqHello), Golden.ToHex(await peer.ReadExactlyAsync(Golden.ReqHello.Length)));
        await peer.SendAsync(Golden.RepWorld);
        using var reply = await req.ReceiveWithinAsync();
        Assert.Equal("World", reply.GetString(0));
    }
}
