using Zmtp.Interop.Tests.Native;

namespace Zmtp.Interop.Tests.Wire;

/// <summary>Pins zmtp-wire.md section 2 (greeting bytes and libzmq's staged sending) to real libzmq.</summary>
public sealed class LibZmqGreetingTests : IDisposable
{
    private readonly ZmqContext _context = new();

    [Fact]
    public void Libzmq_is_version_4_3()
    {
        LibZmq.zmq_version(out var major, out var minor, out _);
        Assert.Equal((4, 3), (major, minor));
    }

    [Fact]
    public async Task Bound_libzmq_sends_only_the_signature_until_it_sees_ours()
    {
        var rep = _context.Socket(Zmq.Rep);
        var endpoint = rep.Bind("tcp://127.0.0.1:*");
        using var peer = await RawPeer.ConnectAsync(endpoint);

        // Stage 1: libzmq sends octets 0-9 at once, then waits for our signature.
        var signature = await peer.ReadExactlyAsync(10);
        Assert.Equal(Golden.LibZmqGreeting[..10], signature);
        Assert.True(await peer.IsQuietForAsync(TimeSpan.FromMilliseconds(300)), "libzmq sent more than its signature before receiving ours");

        await peer.SendAsync(Golden.Greeting31);
        var rest = await peer.ReadExactlyAsync(54);
        Assert.Equal(Golden.ToHex(Golden.LibZmqGreeting), Golden.ToHex([.. signature, .. rest]));
    }

    [Fact]
    public async Task Connecting_libzmq_sends_its_signature_immediately()
    {
        using var listener = new RawListener();
        var dealer = _context.Socket(Zmq.Dealer);
        dealer.Connect(listener.Endpoint);
        using var peer = await listener.AcceptAsync();

        Assert.Equal(Golden.LibZmqGreeting[..10], await peer.ReadExactlyAsync(10));

        await peer.SendAsync(Golden.Greeting31);
        Assert.Equal(Golden.LibZmqGreeting[10..], await peer.ReadExactlyAsync(54));
        Assert.Equal(Golden.ToHex(Golden.Ready("DEALER")), Golden.ToHex(await peer.ReadFrameAsync()));
    }

    [Fact]
    public async Task Libzmq_accepts_our_greeting_and_ready_in_one_write()
    {
        // Our side never waits for the peer's greeting: greeting and READY leave in one segment.
        var pull = _context.Socket(Zmq.Pull);
        var endpoint = pull.Bind("tcp://127.0.0.1:*");
        using var peer = await RawPeer.ConnectAsync(endpoint);
        await peer.SendAsync(Golden.Greeting31, Golden.Ready("PUSH"));
        Assert.Equal(Golden.LibZmqGreeting, await peer.ReadExactlyAsync(64));
        Assert.Equal(Golden.Ready("PULL"), await peer.ReadFrameAsync());

        await peer.SendAsync(Golden.Hex("00 05 48 65 6C 6C 6F"));
        Assert.Equal("Hello"u8.ToArray(), Assert.Single(pull.ReceiveMultipart()));
    }

    [Fact]
    public async Task Libzmq_drops_the_connection_if_a_message_arrives_before_it_has_sent_ready()
    {
        // libzmq 4.3.4 treats a data frame as a handshake error until its own READY has gone out
        // (its NULL mechanism is "ready" only once READY was both sent and received). When greeting,
        // READY and a message arrive in one read, libzmq has not written anything yet, so it closes.
        // Hence the rule for Zmtp: send messages only after the peer's READY has been received.
        var pull = _context.Socket(Zmq.Pull);
        var endpoint = pull.Bind("tcp://127.0.0.1:*");
        using var peer = await RawPeer.ConnectAsync(endpoint);
        await peer.SendAsync(Golden.Greeting31, Golden.Ready("PUSH"), Golden.Hex("00 05 48 65 6C 6C 6F"));

        var sent = await peer.ReadToEndAsync();
        Assert.True(sent.Length < 64, $"libzmq completed its greeting ({sent.Length} bytes) before closing");
        Assert.Null(pull.TryReceiveMultipart(100));
    }

    public void Dispose() => _context.Dispose();
}
