using System.IO.Pipelines;
using Zmtp.Protocol.Tests.Support;

namespace Zmtp.Protocol.Tests;

public sealed class SessionTrafficTests
{
    private static readonly TimeSpan Timeout = RawPeer.Timeout;

    private static async Task<(ZmtpSession Session, IDuplexPipe Raw)> ConnectAsync(
        ZmtpSocketType type = ZmtpSocketType.Dealer,
        ZmtpSocketType peerType = ZmtpSocketType.Router,
        long maxMessageSize = -1,
        PipeOptions? pipeOptions = null)
    {
        var pipes = new PipePair(pipeOptions);
        var session = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = type, MaxMessageSize = maxMessageSize });
        await pipes.Right.HandshakeWithLibzmqAsync(session, peerType);
        return (session, pipes.Right);
    }

    private static async Task<ZmtpInbound> ReadAsync(ZmtpSession session) =>
        await session.ReadAsync().AsTask().WaitAsync(Timeout);

    [Fact]
    public async Task FrameOverMaxMessageSize_RejectedAtHeader()
    {
        var (session, raw) = await ConnectAsync(maxMessageSize: 100);
        await raw.SendAsync(Hex.Parse("00 64"), new byte[100]);
        var ok = await ReadAsync(session);
        Assert.Equal(100, ok.Message!.First.Length);

        // Only the header arrives: the limit is enforced before any body byte or buffer.
        await raw.SendAsync(Hex.Parse("02 00 00 00 00 00 01 00 00"));
        var ex = await Assert.ThrowsAsync<ZmtpProtocolException>(() => ReadAsync(session));
        Assert.Equal(ZmtpProtocolError.FrameTooLarge, ex.Error);
    }

    [Fact]
    public async Task HugeFrameHeader_RejectedEvenWhenUnlimited()
    {
        var (session, raw) = await ConnectAsync();
        await raw.SendAsync(Hex.Parse("02 40 00 00 00 00 00 00 00"));
        var ex = await Assert.ThrowsAsync<ZmtpProtocolException>(() => ReadAsync(session));
        Assert.Equal(ZmtpProtocolError.FrameTooLarge, ex.Error);
    }

    [Fact]
    public async Task LargeFrame_ArrivingInSmallChunks()
    {
        // A small pause threshold proves the frame is consumed incrementally, never buffered whole in the pipe.
        var options = new PipeOptions(pauseWriterThreshold: 16 * 1024, resumeWriterThreshold: 8 * 1024);
        var (session, raw) = await ConnectAsync(pipeOptions: options);
        var body = new byte[5 * 1024 * 1024];
        new Random(42).NextBytes(body);
        var wire = Hex.Concat(Hex.Parse("01 01 41 02 00 00 00 00 00 50 00 00"), body);

        var writer = Task.Run(async () =>
        {
            for (var offset = 0; offset < wire.Length; offset += 4096)
            {
                await raw.Output.WriteAsync(wire.AsMemory(offset, Math.Min(4096, wire.Length - offset)));
            }
        });

        var inbound = await ReadAsync(session);
        await writer.WaitAsync(Timeout);
        Assert.Equal(2, inbound.Message!.Count);
        Assert.Equal("A", inbound.Message.GetString(0));
        Assert.True(body.AsSpan().SequenceEqual(inbound.Message[1].Span));
        inbound.Message.Dispose();
    }

    [Theory]
    [InlineData("01 01 41")]             // between frames of a multipart message
    [InlineData("01 01 41 00 05 48 65")] // in the middle of a frame body
    [InlineData("02 00 00 00")]          // in the middle of a header
    [InlineData("")]                     // at a message boundary
    public async Task PeerClosing_ReturnsClosed(string partial)
    {
        var (session, raw) = await ConnectAsync();
        await raw.SendAsync(Hex.Parse("00 01 5A"), Hex.Parse(partial));
        await raw.Output.CompleteAsync();

        var first = await ReadAsync(session);
        Assert.Equal("Z", first.Message!.GetString());
        Assert.Equal(ZmtpInboundKind.Closed, (await ReadAsync(session)).Kind);
        Assert.Equal(ZmtpInboundKind.Closed, (await ReadAsync(session)).Kind);
    }

    [Fact]
    public async Task CommandInsideMultipart_IsProtocolError()
    {
        var (session, raw) = await ConnectAsync();
        await raw.SendAsync(Hex.Parse("01 01 41"), Hex.Parse("04 07 04 50 49 4E 47 00 0F"), Hex.Parse("00 01 42"));
        var ex = await Assert.ThrowsAsync<ZmtpProtocolException>(() => ReadAsync(session));
        Assert.Equal(ZmtpProtocolError.CommandInsideMessage, ex.Error);
    }

    [Fact]
    public async Task UnknownCommandsAndLateReady_Ignored()
    {
        var (session, raw) = await ConnectAsync();
        await raw.SendAsync(Hex.Parse("04 04 03 46 4F 4F"), Golden.ReadyFor(ZmtpSocketType.Router), Hex.Parse("00 01 42"));
        var inbound = await ReadAsync(session);
        Assert.Equal(ZmtpInboundKind.Message, inbound.Kind);
        Assert.Equal("B", inbound.Message!.GetString());
    }

    [Fact]
    public async Task ErrorAfterHandshake_IsPeerError()
    {
        var (session, raw) = await ConnectAsync();
        await raw.SendAsync(Golden.Error400);
        var ex = await Assert.ThrowsAsync<ZmtpProtocolException>(() => ReadAsync(session));
        Assert.Equal(ZmtpProtocolError.PeerError, ex.Error);
    }

    [Fact]
    public async Task ReservedFlagBit_DeliveredNormally()
    {
        var (session, raw) = await ConnectAsync();
        await raw.SendAsync(Hex.Parse("08 05 68 65 6C 6C 6F"));
        Assert.Equal("hello", (await ReadAsync(session)).Message!.GetString());
    }

    [Theory]
    [InlineData("04 0A 04 50 49 4E 47 00 0A 63 74 78", 10, "637478", "04 08 04 50 4F 4E 47 63 74 78")]
    [InlineData("04 0A 04 50 49 4E 47 00 00 4C 4F 4C", 0, "4C4F4C", "04 08 04 50 4F 4E 47 4C 4F 4C")]
    [InlineData("04 07 04 50 49 4E 47 00 0F", 15, "", "04 05 04 50 4F 4E 47")]
    public async Task Ping_ReturnedAndAnsweredByCaller(string ping, int ttl, string context, string pong)
    {
        var (session, raw) = await ConnectAsync();
        await raw.SendAsync(Hex.Parse(ping));
        var inbound = await ReadAsync(session);
        Assert.Equal(ZmtpInboundKind.Ping, inbound.Kind);
        Assert.Equal(ttl, inbound.PingTtl);
        Assert.Equal(context, Hex.Format(inbound.Data.Span));

        session.WritePong(inbound.Data.Span);
        await session.FlushAsync().AsTask().WaitAsync(Timeout);
        var expected = Hex.Parse(pong);
        Assert.Equal(Hex.Format(expected), Hex.Format(await raw.ReadExactlyAsync(expected.Length)));
    }

    [Fact]
    public async Task Ping_LongContextKeptWholePongTruncated()
    {
        var (session, raw) = await ConnectAsync();
        var context = Hex.Concat("LOL"u8.ToArray(), Hex.Repeat(0x7A, 55));
        await raw.SendAsync(Hex.Parse("04 41 04 50 49 4E 47 00 00"), context, Hex.Parse("00 01 58"));
        var inbound = await ReadAsync(session);
        Assert.Equal(58, inbound.Data.Length);

        // The context is a copy: still intact after the next read.
        Assert.Equal("X", (await ReadAsync(session)).Message!.GetString());
        session.WritePong(inbound.Data.Span);
        await session.FlushAsync().AsTask().WaitAsync(Timeout);
        var expected = Hex.Concat(Hex.Parse("04 15 04 50 4F 4E 47 4C 4F 4C"), Hex.Repeat(0x7A, 13));
        Assert.Equal(Hex.Format(expected), Hex.Format(await raw.ReadExactlyAsync(expected.Length)));
    }

    [Fact]
    public async Task SubscribeCancelPong_Commands()
    {
        var (session, raw) = await ConnectAsync(ZmtpSocketType.XPub, ZmtpSocketType.Sub);
        await raw.SendAsync(
            Hex.Parse("04 11 09 53 55 42 53 43 52 49 42 45 77 65 61 74 68 65 72"),
            Hex.Parse("04 0A 09 53 55 42 53 43 52 49 42 45"),
            Hex.Parse("04 08 06 43 41 4E 43 45 4C 41"),
            Hex.Parse("04 08 04 50 4F 4E 47 63 74 78"),
            Hex.Parse("00 02 01 41"));
        var items = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var inbound = await ReadAsync(session);
            items.Add(inbound.Kind == ZmtpInboundKind.Message
                ? "Message:" + Hex.Format(inbound.Message!.First.Span)
                : $"{inbound.Kind}:{Hex.Format(inbound.Data.Span)}");
        }

        Assert.Equal(["Subscribe:77656174686572", "Subscribe:", "Cancel:41", "Pong:637478", "Message:0141"], items);
    }

    [Fact]
    public async Task BufferedItems_CompleteSynchronously()
    {
        var (session, raw) = await ConnectAsync();
        await raw.SendAsync(Hex.Parse("00 01 31 00 01 32 01 00 00 01 33"));
        var first = await ReadAsync(session);
        Assert.Equal("1", first.Message!.GetString());

        var second = session.ReadAsync();
        Assert.True(second.IsCompletedSuccessfully);
        Assert.Equal("2", (await second).Message!.GetString());
        var third = session.ReadAsync();
        Assert.True(third.IsCompletedSuccessfully);
        var thirdMessage = (await third).Message!;
        Assert.Equal(["", "3"], [thirdMessage.GetString(0), thirdMessage.GetString(1)]);

        var fourth = session.ReadAsync();
        Assert.False(fourth.IsCompleted);
        await raw.SendAsync(Hex.Parse("00 01 34"));
        Assert.Equal("4", (await fourth.AsTask().WaitAsync(Timeout)).Message!.GetString());
    }

    [Fact]
    public async Task MixedTraffic_OneOctetAtATime()
    {
        var (session, raw) = await ConnectAsync(ZmtpSocketType.XPub, ZmtpSocketType.XSub);
        var wire = Hex.Concat(
            Hex.Parse("01 00 00 05 48 65 6C 6C 6F"),
            Hex.Parse("04 0B 09 53 55 42 53 43 52 49 42 45 41"),
            Hex.Parse("02 00 00 00 00 00 00 01 00"), Hex.Repeat(0x62, 256),
            Hex.Parse("04 0A 04 50 49 4E 47 00 0A 63 74 78"),
            Hex.Parse("04 04 03 46 4F 4F"),
            Hex.Parse("01 01 41 00 01 42"));
        var writer = Task.Run(async () =>
        {
            foreach (var b in wire)
            {
                await raw.Output.WriteAsync(new[] { b });
            }
        });

        var items = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var inbound = await ReadAsync(session);
            items.Add(inbound.Kind == ZmtpInboundKind.Message
                ? "M:" + string.Join(",", inbound.Message!.Select(f => f.Length))
                : $"{inbound.Kind}:{Hex.Format(inbound.Data.Span)}");
        }

        await writer.WaitAsync(Timeout);
        Assert.Equal(["M:0,5", "Subscribe:41", "M:256", "Ping:637478", "M:1,1"], items);
    }

    [Fact]
    public async Task OursVsOurs_TrafficBothWays()
    {
        var pipes = new PipePair();
        var a = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Pair });
        var b = new ZmtpSession(pipes.Right, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Pair });
        await Task.WhenAll(a.HandshakeAsync().AsTask(), b.HandshakeAsync().AsTask()).WaitAsync(Timeout);

        var big = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        a.WriteMessage(new Message(ReadOnlyMemory<byte>.Empty, new byte[255], new byte[256], big));
        a.WritePing(50, "hb"u8);

        // The reader must run while we flush: 100 kB is above the pipe's pause threshold.
        var received = ReadAsync(b);
        await a.FlushAsync().AsTask().WaitAsync(Timeout);
        var message = (await received).Message!;
        Assert.Equal([0, 255, 256, 100_000], message.Select(f => f.Length));
        Assert.True(big.AsSpan().SequenceEqual(message[3].Span));
        message.Dispose();

        var ping = await ReadAsync(b);
        Assert.Equal((ZmtpInboundKind.Ping, (ushort)50, "6862"), (ping.Kind, ping.PingTtl, Hex.Format(ping.Data.Span)));
        b.WritePong(ping.Data.Span);
        await b.FlushAsync().AsTask().WaitAsync(Timeout);
        var pong = await ReadAsync(a);
        Assert.Equal((ZmtpInboundKind.Pong, "6862"), (pong.Kind, Hex.Format(pong.Data.Span)));
    }

    [Fact]
    public async Task SteadyState_WriteAllocatesNothingAndReadOnlyTheMessage()
    {
        var pipes = new PipePair(new PipeOptions(pauseWriterThreshold: 0));
        var a = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Push });
        var b = new ZmtpSession(pipes.Right, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Pull });
        await Task.WhenAll(a.HandshakeAsync().AsTask(), b.HandshakeAsync().AsTask()).WaitAsync(Timeout);
        var outgoing = new Message("key"u8.ToArray(), new byte[100]);

        long writeBytes = 0;
        void RoundTrip(int batches)
        {
            for (var batch = 0; batch < batches; batch++)
            {
                var beforeWrite = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < 10; i++)
                {
                    a.WriteMessage(outgoing);
                }

                writeBytes += GC.GetAllocatedBytesForCurrentThread() - beforeWrite;
                var flush = a.FlushAsync();
                Assert.True(flush.IsCompletedSuccessfully);
                for (var i = 0; i < 10; i++)
                {
                    var read = b.ReadAsync();
                    Assert.True(read.IsCompletedSuccessfully);
                    read.Result.Message!.Dispose();
                }
            }
        }

        RoundTrip(100);
        writeBytes = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        RoundTrip(100);
        var perMessage = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000.0;
        Assert.Equal(0, writeBytes);

        // A Message object plus its two small internal arrays; nothing per frame beyond pooled buffers.
        Assert.InRange(perMessage, 1, 400);
    }
}
