using System.Text;
using Zmtp.Protocol.Tests.Support;

namespace Zmtp.Protocol.Tests;

public sealed class SessionHandshakeTests
{
    private static readonly TimeSpan Timeout = RawPeer.Timeout;

    [Fact]
    public async Task OursVsOurs_DealerToRouter()
    {
        var pipes = new PipePair();
        var dealer = new ZmtpSession(pipes.Left, new ZmtpSessionOptions
        {
            SocketType = ZmtpSocketType.Dealer,
            RoutingId = "D1"u8.ToArray(),
            Metadata = [new("X-Hello", "World"u8.ToArray())],
        });
        var router = new ZmtpSession(pipes.Right, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Router, IsServer = true });

        var dealerHandshake = dealer.HandshakeAsync().AsTask();
        var routerPeer = await router.HandshakeAsync().AsTask().WaitAsync(Timeout);
        var dealerPeer = await dealerHandshake.WaitAsync(Timeout);

        Assert.Equal(ZmtpSocketType.Dealer, routerPeer.SocketType);
        Assert.Equal("D1", Encoding.ASCII.GetString(routerPeer.Identity.Span));
        Assert.Equal("World"u8.ToArray(), routerPeer.Properties["x-hello"]);
        Assert.Equal((3, 1), (routerPeer.MajorVersion, routerPeer.MinorVersion));
        Assert.True(routerPeer.UsesSubscriptionCommands);
        Assert.Equal(ZmtpSocketType.Router, dealerPeer.SocketType);
        Assert.True(dealerPeer.Identity.IsEmpty);
        Assert.Same(dealerPeer, dealer.Peer);

        dealer.WriteMessage(Message.FromStrings("", "ping"));
        await dealer.FlushAsync().AsTask().WaitAsync(Timeout);
        var inbound = await router.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(ZmtpInboundKind.Message, inbound.Kind);
        Assert.Equal(["", "ping"], [inbound.Message!.GetString(0), inbound.Message.GetString(1)]);
        inbound.Message.Dispose();
    }

    [Fact]
    public async Task OursVsLibzmqRep_ExactBytesBothWays()
    {
        var pipes = new PipePair();
        var req = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Req });

        // libzmq REP sends its greeting tail and READY in one segment.
        await pipes.Right.SendAsync(Hex.Concat(Golden.LibzmqGreeting, Golden.ReadyFor(ZmtpSocketType.Rep)));
        var peer = await req.HandshakeAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(ZmtpSocketType.Rep, peer.SocketType);

        var sent = await pipes.Right.ReadExactlyAsync(64 + 40);
        Assert.Equal(Hex.Format(Hex.Concat(Golden.OurGreeting, Golden.ReadyFor(ZmtpSocketType.Req))), Hex.Format(sent));

        req.WriteMessage(new Message(ReadOnlyMemory<byte>.Empty, "Hello"u8.ToArray()));
        await req.FlushAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("0100000548656C6C6F", Hex.Format(await pipes.Right.ReadExactlyAsync(9)));

        await pipes.Right.SendAsync(Hex.Parse("01 00 00 05 57 6F 72 6C 64"));
        var reply = await req.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal(2, reply.Message!.Count);
        Assert.True(reply.Message[0].IsEmpty);
        Assert.Equal("World", reply.Message.GetString(1));
    }

    public static TheoryData<int[]> GreetingChunks() => new()
    {
        new[] { 10, 1, 53 },
        Enumerable.Repeat(1, 64).ToArray(),
        new[] { 64 },
    };

    [Theory]
    [MemberData(nameof(GreetingChunks))]
    public async Task Greeting_DeliveredInStages(int[] chunks)
    {
        var pipes = new PipePair();
        var session = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Dealer });
        var handshake = session.HandshakeAsync().AsTask();

        // Like libzmq, the raw peer sends nothing until it has our whole greeting: we must not wait for its own.
        Assert.Equal(Hex.Format(Golden.OurGreeting), Hex.Format(await pipes.Right.ReadExactlyAsync(64)));

        var offset = 0;
        foreach (var chunk in chunks)
        {
            await pipes.Right.SendAsync(Golden.LibzmqGreeting[offset..(offset + chunk)]);
            offset += chunk;
            await Task.Yield();
            Assert.False(handshake.IsCompleted);
        }

        // Our READY goes out right after the peer's greeting, before the peer's READY arrives.
        Assert.Equal(Hex.Format(Golden.ReadyFor(ZmtpSocketType.Dealer)), Hex.Format(await pipes.Right.ReadExactlyAsync(43)));
        var ready = Golden.ReadyFor(ZmtpSocketType.Router);
        foreach (var b in ready)
        {
            await pipes.Right.SendAsync([b]);
        }

        var peer = await handshake.WaitAsync(Timeout);
        Assert.Equal(ZmtpSocketType.Router, peer.SocketType);
    }

    [Fact]
    public async Task IncompatibleSocketType_SendsErrorThenThrows()
    {
        var pipes = new PipePair();
        var session = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Req });
        await pipes.Right.SendAsync(Golden.LibzmqGreeting, Golden.ReadyFor(ZmtpSocketType.Pub));

        var ex = await Assert.ThrowsAsync<ZmtpProtocolException>(() => session.HandshakeAsync().AsTask().WaitAsync(Timeout));
        Assert.Equal(ZmtpProtocolError.IncompatibleSocketType, ex.Error);
        Assert.Null(session.Peer);

        await pipes.Right.ReadExactlyAsync(64 + 40);
        var error = Hex.Concat(Hex.Parse("04 1A 05 45 52 52 4F 52 13"), Encoding.ASCII.GetBytes("invalid socket type"));
        Assert.Equal(Hex.Format(error), Hex.Format(await pipes.Right.ReadExactlyAsync(error.Length)));
    }

    [Fact]
    public async Task IncompatibleSocketType_OursVsOurs()
    {
        var pipes = new PipePair();
        var a = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Push });
        var b = new ZmtpSession(pipes.Right, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Push });
        var ta = a.HandshakeAsync().AsTask();
        var tb = b.HandshakeAsync().AsTask();
        var ea = await Assert.ThrowsAsync<ZmtpProtocolException>(() => ta.WaitAsync(Timeout));
        var eb = await Assert.ThrowsAsync<ZmtpProtocolException>(() => tb.WaitAsync(Timeout));
        Assert.Equal(ZmtpProtocolError.IncompatibleSocketType, ea.Error);
        Assert.Equal(ZmtpProtocolError.IncompatibleSocketType, eb.Error);
    }

    [Fact]
    public async Task MechanismMismatch_ClosesWithoutError()
    {
        var pipes = new PipePair();
        var session = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Dealer });
        await pipes.Right.SendAsync(Golden.PlainGreeting, Golden.ReadyFor(ZmtpSocketType.Router));

        var ex = await Assert.ThrowsAsync<ZmtpProtocolException>(() => session.HandshakeAsync().AsTask().WaitAsync(Timeout));
        Assert.Equal(ZmtpProtocolError.MechanismMismatch, ex.Error);
        Assert.Equal(Hex.Format(Golden.OurGreeting), Hex.Format(pipes.Right.ReadBuffered()));
    }

    [Fact]
    public async Task GarbageGreeting_RejectedWithinTenOctets()
    {
        var pipes = new PipePair();
        var session = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Rep });
        await pipes.Right.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP"));
        var ex = await Assert.ThrowsAsync<ZmtpProtocolException>(() => session.HandshakeAsync().AsTask().WaitAsync(Timeout));
        Assert.Equal(ZmtpProtocolError.InvalidGreeting, ex.Error);
    }

    [Fact]
    public async Task Zmtp20Greeting_Rejected()
    {
        var pipes = new PipePair();
        var session = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Rep });
        await pipes.Right.SendAsync(Hex.Parse("FF 00 00 00 00 00 00 00 01 7F 01 05"));
        var ex = await Assert.ThrowsAsync<ZmtpProtocolException>(() => session.HandshakeAsync().AsTask().WaitAsync(Timeout));
        Assert.Equal(ZmtpProtocolError.UnsupportedVersion, ex.Error);
        Assert.Contains("ZMTP 3", ex.Message);
    }

    [Fact]
    public async Task DataFrameBeforeReady_Rejected()
    {
        var pipes = new PipePair();
        var session = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Pull });
        await pipes.Right.SendAsync(Golden.LibzmqGreeting, Hex.Parse("00 05 48 65 6C 6C 6F"));
        var ex = await Assert.ThrowsAsync<ZmtpProtocolException>(() => session.HandshakeAsync().AsTask().WaitAsync(Timeout));
        Assert.Equal(ZmtpProtocolError.MessageBeforeReady, ex.Error);
    }

    [Fact]
    public async Task ErrorDuringHandshake_IsPeerError()
    {
        var pipes = new PipePair();
        var session = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Dealer });
        await pipes.Right.SendAsync(Golden.LibzmqGreeting, Golden.Error400);
        var ex = await Assert.ThrowsAsync<ZmtpProtocolException>(() => session.HandshakeAsync().AsTask().WaitAsync(Timeout));
        Assert.Equal(ZmtpProtocolError.PeerError, ex.Error);
        Assert.Contains("400", ex.Message);
    }

    [Fact]
    public async Task SilentPeer_TimesOut()
    {
        var pipes = new PipePair();
        var session = new ZmtpSession(pipes.Left, new ZmtpSessionOptions
        {
            SocketType = ZmtpSocketType.Dealer,
            HandshakeTimeout = TimeSpan.FromMilliseconds(200),
        });
        await pipes.Right.SendAsync(Golden.LibzmqGreeting);
        await Assert.ThrowsAsync<TimeoutException>(() => session.HandshakeAsync().AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task CallerCancellation_IsNotATimeout()
    {
        var pipes = new PipePair();
        var session = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Dealer });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.HandshakeAsync(cts.Token).AsTask().WaitAsync(Timeout));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(64)]
    [InlineData(70)]
    public async Task PeerClosingDuringHandshake_IsEndOfStream(int octets)
    {
        var pipes = new PipePair();
        var session = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Dealer });
        await pipes.Right.SendAsync(Hex.Concat(Golden.LibzmqGreeting, Golden.ReadyFor(ZmtpSocketType.Router))[..octets]);
        await pipes.Right.Output.CompleteAsync();
        await Assert.ThrowsAsync<EndOfStreamException>(() => session.HandshakeAsync().AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task ReadyWithoutSocketType_Accepted()
    {
        var pipes = new PipePair();
        var session = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Pair });
        await pipes.Right.SendAsync(Golden.LibzmqGreeting, Hex.Parse("04 06 05 52 45 41 44 59"));
        var peer = await session.HandshakeAsync().AsTask().WaitAsync(Timeout);
        Assert.Null(peer.SocketType);
        Assert.Empty(peer.Properties);
    }

    [Fact]
    public async Task LowerCaseSocketTypeName_ValidatedCaseInsensitively()
    {
        var pipes = new PipePair();
        var session = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Pair });
        var ready = Hex.Concat(Hex.Parse("04 17 05 52 45 41 44 59 0B"), "socket-type"u8.ToArray(), Hex.Parse("00 00 00 01"), "X"u8.ToArray());
        await pipes.Right.SendAsync(Golden.LibzmqGreeting, ready);
        var ex = await Assert.ThrowsAsync<ZmtpProtocolException>(() => session.HandshakeAsync().AsTask().WaitAsync(Timeout));
        Assert.Equal(ZmtpProtocolError.IncompatibleSocketType, ex.Error);
    }

    [Fact]
    public async Task MalformedReadyMetadata_Rejected()
    {
        var pipes = new PipePair();
        var session = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Pair });
        await pipes.Right.SendAsync(Golden.LibzmqGreeting, Hex.Parse("04 08 05 52 45 41 44 59 0B 53"));
        var ex = await Assert.ThrowsAsync<ZmtpProtocolException>(() => session.HandshakeAsync().AsTask().WaitAsync(Timeout));
        Assert.Equal(ZmtpProtocolError.InvalidMetadata, ex.Error);
    }

    [Fact]
    public async Task Zmtp30Peer_GetsSubscriptionMessages()
    {
        var pipes = new PipePair();
        var sub = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Sub });
        var peer = await pipes.Right.HandshakeWithLibzmqAsync(sub, ZmtpSocketType.Pub, Golden.Zmtp30Greeting);
        Assert.Equal(0, peer.MinorVersion);
        Assert.False(peer.UsesSubscriptionCommands);

        sub.WriteSubscription("A"u8, subscribe: true);
        sub.WriteSubscription(""u8, subscribe: true);
        sub.WriteSubscription("A"u8, subscribe: false);
        await sub.FlushAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("0002014100010100020041", Hex.Format(await pipes.Right.ReadExactlyAsync(11)));
    }

    [Fact]
    public async Task Zmtp31Peer_GetsSubscriptionCommands()
    {
        var pipes = new PipePair();
        var sub = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.XSub });
        await pipes.Right.HandshakeWithLibzmqAsync(sub, ZmtpSocketType.XPub);
        sub.WriteSubscription("A"u8, subscribe: true);
        sub.WriteSubscription("A"u8, subscribe: false);
        await sub.FlushAsync().AsTask().WaitAsync(Timeout);
        var expected = Hex.Parse("04 0B 09 53 55 42 53 43 52 49 42 45 41 04 08 06 43 41 4E 43 45 4C 41");
        Assert.Equal(Hex.Format(expected), Hex.Format(await pipes.Right.ReadExactlyAsync(expected.Length)));
    }

    [Fact]
    public async Task UsageErrors()
    {
        var pipes = new PipePair();
        var session = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Pair });
        Assert.Throws<InvalidOperationException>(() => session.WriteMessage(Message.FromStrings("x")));
        Assert.Throws<InvalidOperationException>(() => { _ = session.ReadAsync(); });
        var first = session.HandshakeAsync();
        Assert.Throws<InvalidOperationException>(() => { _ = session.HandshakeAsync(); });
        await pipes.Right.SendAsync(Golden.LibzmqGreeting, Golden.ReadyFor(ZmtpSocketType.Pair));
        await first.AsTask().WaitAsync(Timeout);
    }
}
