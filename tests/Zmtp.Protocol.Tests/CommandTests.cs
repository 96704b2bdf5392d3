using System.Buffers;
using System.Text;
using Zmtp.Protocol.Tests.Support;

namespace Zmtp.Protocol.Tests;

public sealed class CommandTests
{
    public static TheoryData<ZmtpSocketType> AllTypes() => new(Golden.Ready.Select(r => r.Type));

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Ready_OursMatchesLibzmqBytes(ZmtpSocketType type)
    {
        var mechanism = new ZmtpNullMechanism(ZmtpSession.BuildMetadata(new ZmtpSessionOptions { SocketType = type }));
        var output = new ArrayBufferWriter<byte>();
        Assert.True(mechanism.TryWriteCommand(output));
        Assert.False(mechanism.TryWriteCommand(output));
        Assert.Equal(Hex.Format(Golden.ReadyFor(type)), Hex.Format(output.WrittenSpan));
    }

    [Fact]
    public void Ready_DealerWithRoutingIdAbc()
    {
        var options = new ZmtpSessionOptions { SocketType = ZmtpSocketType.Dealer, RoutingId = "abc"u8.ToArray() };
        var output = new ArrayBufferWriter<byte>();
        ZmtpCommandWriter.WriteReady(output, ZmtpSession.BuildMetadata(options));
        Assert.Equal(Hex.Format(Golden.DealerReadyAbc), Hex.Format(output.WrittenSpan));
    }

    [Fact]
    public void Ready_ApplicationMetadataAppended()
    {
        var options = new ZmtpSessionOptions
        {
            SocketType = ZmtpSocketType.Dealer,
            Metadata = [new("X-Hello", "World"u8.ToArray())],
        };
        var output = new ArrayBufferWriter<byte>();
        ZmtpCommandWriter.WriteReady(output, ZmtpSession.BuildMetadata(options));
        var expected = Hex.Concat(Golden.ReadyFor(ZmtpSocketType.Dealer), Hex.Parse("07 58 2D 48 65 6C 6C 6F 00 00 00 05 57 6F 72 6C 64"));
        expected[1] = 0x3A;
        Assert.Equal(Hex.Format(expected), Hex.Format(output.WrittenSpan));
    }

    [Fact]
    public void Ready_ApplicationMetadataMustStartWithX() =>
        Assert.Throws<ArgumentException>(() => ZmtpSession.BuildMetadata(new ZmtpSessionOptions
        {
            SocketType = ZmtpSocketType.Pub,
            Metadata = [new("Socket-Type", "SUB"u8.ToArray())],
        }));

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Ready_ParsesEveryWay(ZmtpSocketType type)
    {
        var results = ParseCommandsEveryWay(Golden.ReadyFor(type), body =>
        {
            var mechanism = new ZmtpNullMechanism([]);
            mechanism.TryWriteCommand(new ArrayBufferWriter<byte>());
            mechanism.ProcessCommand(body);
            Assert.Equal(ZmtpMechanismStatus.Ready, mechanism.Status);
            var props = mechanism.PeerMetadata!;
            Assert.True(ZmtpSocketTypes.TryParse(props["socket-type"], out var parsed));
            var identity = props.TryGetValue("Identity", out var id) ? "[" + Encoding.ASCII.GetString(id) + "]" : "none";
            return $"{parsed} {identity}";
        });
        var expectedIdentity = ZmtpSocketTypes.SendsIdentity(type) ? "[]" : "none";
        Assert.Equal($"{type} {expectedIdentity}", Assert.Single(results));
    }

    [Fact]
    public void Ready_DealerAbcParsesIdentity()
    {
        var results = ParseCommandsEveryWay(Golden.DealerReadyAbc, body =>
        {
            var mechanism = new ZmtpNullMechanism([]);
            mechanism.ProcessCommand(body);
            return Encoding.ASCII.GetString(mechanism.PeerMetadata!["IDENTITY"]);
        });
        Assert.Equal("abc", Assert.Single(results));
    }

    [Fact]
    public void Error_WriteAndParse()
    {
        var output = new ArrayBufferWriter<byte>();
        ZmtpCommandWriter.WriteError(output, "400");
        Assert.Equal(Hex.Format(Golden.Error400), Hex.Format(output.WrittenSpan));

        var results = ParseCommandsEveryWay(Golden.Error400, body =>
        {
            var reader = new SequenceReader<byte>(body);
            Assert.Equal(ZmtpCommandKind.Error, ZmtpCommandReader.ReadName(ref reader));
            return ZmtpCommandReader.ReadErrorReason(ref reader);
        });
        Assert.Equal("400", Assert.Single(results));
    }

    [Fact]
    public void Error_ReceivedDuringHandshakeIsPeerError()
    {
        var mechanism = new ZmtpNullMechanism([]);
        var ex = Assert.Throws<ZmtpProtocolException>(() => mechanism.ProcessCommand(new ReadOnlySequence<byte>(Golden.Error400[2..])));
        Assert.Equal(ZmtpProtocolError.PeerError, ex.Error);
        Assert.Contains("400", ex.Message);
    }

    [Theory]
    [InlineData("05 45 52 52 4F 52 04 34 30 30")] // reason longer than the data
    [InlineData("05 45 52 52 4F 52")]             // no reason length
    public void Error_TruncatedIsMalformed(string body)
    {
        var mechanism = new ZmtpNullMechanism([]);
        var ex = Assert.Throws<ZmtpProtocolException>(() => mechanism.ProcessCommand(new ReadOnlySequence<byte>(Hex.Parse(body))));
        Assert.Equal(ZmtpProtocolError.MalformedCommand, ex.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("06 52 45 41 44 59")]
    public void Name_TruncatedOrEmptyIsMalformed(string body)
    {
        var ex = Assert.Throws<ZmtpProtocolException>(() =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Hex.Parse(body)));
            ZmtpCommandReader.ReadName(ref reader);
        });
        Assert.Equal(ZmtpProtocolError.MalformedCommand, ex.Error);
    }

    [Fact]
    public void NullMechanism_RejectsOtherHandshakeCommands()
    {
        var mechanism = new ZmtpNullMechanism([]);
        var ex = Assert.Throws<ZmtpProtocolException>(() => mechanism.ProcessCommand(new ReadOnlySequence<byte>(Hex.Parse("05 48 45 4C 4C 4F"))));
        Assert.Equal(ZmtpProtocolError.UnexpectedCommand, ex.Error);
    }

    [Theory]
    [InlineData(true, "41", "04 0B 09 53 55 42 53 43 52 49 42 45 41")]
    [InlineData(true, "", "04 0A 09 53 55 42 53 43 52 49 42 45")]
    [InlineData(false, "41", "04 08 06 43 41 4E 43 45 4C 41")]
    [InlineData(true, "77 65 61 74 68 65 72", "04 11 09 53 55 42 53 43 52 49 42 45 77 65 61 74 68 65 72")]
    public void Subscription_CommandGoldenBytes(bool subscribe, string topic, string wire)
    {
        var output = new ArrayBufferWriter<byte>();
        if (subscribe)
        {
            ZmtpCommandWriter.WriteSubscribe(output, Hex.Parse(topic));
        }
        else
        {
            ZmtpCommandWriter.WriteCancel(output, Hex.Parse(topic));
        }

        Assert.Equal(Hex.Format(Hex.Parse(wire)), Hex.Format(output.WrittenSpan));
        var results = ParseCommandsEveryWay(Hex.Parse(wire), body =>
        {
            var reader = new SequenceReader<byte>(body);
            var kind = ZmtpCommandReader.ReadName(ref reader);
            return $"{kind}:{Hex.Format(reader.UnreadSequence.ToArray())}";
        });
        Assert.Equal($"{(subscribe ? "Subscribe" : "Cancel")}:{Hex.Format(Hex.Parse(topic))}", Assert.Single(results));
    }

    [Theory]
    [InlineData(15, "", "04 07 04 50 49 4E 47 00 0F")]
    [InlineData(0, "4C 4F 4C", "04 0A 04 50 49 4E 47 00 00 4C 4F 4C")]
    [InlineData(10, "63 74 78", "04 0A 04 50 49 4E 47 00 0A 63 74 78")]
    public void Ping_GoldenBytes(ushort ttl, string context, string wire)
    {
        var output = new ArrayBufferWriter<byte>();
        ZmtpCommandWriter.WritePing(output, ttl, Hex.Parse(context));
        Assert.Equal(Hex.Format(Hex.Parse(wire)), Hex.Format(output.WrittenSpan));
        var results = ParseCommandsEveryWay(Hex.Parse(wire), body =>
        {
            var reader = new SequenceReader<byte>(body);
            Assert.Equal(ZmtpCommandKind.Ping, ZmtpCommandReader.ReadName(ref reader));
            var parsedTtl = ZmtpCommandReader.ReadPingTtl(ref reader);
            return $"{parsedTtl}:{Hex.Format(reader.UnreadSequence.ToArray())}";
        });
        Assert.Equal($"{ttl}:{Hex.Format(Hex.Parse(context))}", Assert.Single(results));
    }

    [Fact]
    public void Ping_ContextOver16Rejected() =>
        Assert.Throws<ArgumentException>(() => ZmtpCommandWriter.WritePing(new ArrayBufferWriter<byte>(), 0, new byte[17]));

    [Fact]
    public void Ping_WithoutTtlIsMalformed()
    {
        var ex = Assert.Throws<ZmtpProtocolException>(() =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Hex.Parse("04 50 49 4E 47 00")));
            ZmtpCommandReader.ReadName(ref reader);
            ZmtpCommandReader.ReadPingTtl(ref reader);
        });
        Assert.Equal(ZmtpProtocolError.MalformedCommand, ex.Error);
    }

    [Theory]
    [InlineData("4C 4F 4C", "04 08 04 50 4F 4E 47 4C 4F 4C")]
    [InlineData("63 74 78", "04 08 04 50 4F 4E 47 63 74 78")]
    public void Pong_GoldenBytes(string context, string wire)
    {
        var output = new ArrayBufferWriter<byte>();
        ZmtpCommandWriter.WritePong(output, Hex.Parse(context));
        Assert.Equal(Hex.Format(Hex.Parse(wire)), Hex.Format(output.WrittenSpan));
    }

    [Fact]
    public void Pong_ContextTruncatedTo16()
    {
        var context = Hex.Concat("LOL"u8.ToArray(), Hex.Repeat(0x7A, 55));
        var output = new ArrayBufferWriter<byte>();
        ZmtpCommandWriter.WritePong(output, context);
        var expected = Hex.Concat(Hex.Parse("04 15 04 50 4F 4E 47 4C 4F 4C"), Hex.Repeat(0x7A, 13));
        Assert.Equal(Hex.Format(expected), Hex.Format(output.WrittenSpan));
    }

    [Fact]
    public void Command_LongFormAbove255()
    {
        var output = new ArrayBufferWriter<byte>();
        ZmtpCommandWriter.WriteSubscribe(output, new byte[300]);
        Assert.Equal("0600000000000001360953554253435249424500", Hex.Format(output.WrittenSpan[..20]));
        Assert.Equal(9 + 1 + 9 + 300, output.WrittenCount);
    }

    [Fact]
    public void SocketTypes_CompatibilityTable()
    {
        var allowed = new Dictionary<ZmtpSocketType, ZmtpSocketType[]>
        {
            [ZmtpSocketType.Req] = [ZmtpSocketType.Rep, ZmtpSocketType.Router],
            [ZmtpSocketType.Rep] = [ZmtpSocketType.Req, ZmtpSocketType.Dealer],
            [ZmtpSocketType.Dealer] = [ZmtpSocketType.Rep, ZmtpSocketType.Dealer, ZmtpSocketType.Router],
            [ZmtpSocketType.Router] = [ZmtpSocketType.Req, ZmtpSocketType.Dealer, ZmtpSocketType.Router],
            [ZmtpSocketType.Pub] = [ZmtpSocketType.Sub, ZmtpSocketType.XSub],
            [ZmtpSocketType.XPub] = [ZmtpSocketType.Sub, ZmtpSocketType.XSub],
            [ZmtpSocketType.Sub] = [ZmtpSocketType.Pub, ZmtpSocketType.XPub],
            [ZmtpSocketType.XSub] = [ZmtpSocketType.Pub, ZmtpSocketType.XPub],
            [ZmtpSocketType.Push] = [ZmtpSocketType.Pull],
            [ZmtpSocketType.Pull] = [ZmtpSocketType.Push],
            [ZmtpSocketType.Pair] = [ZmtpSocketType.Pair],
        };
        foreach (var local in Enum.GetValues<ZmtpSocketType>())
        {
            foreach (var peer in Enum.GetValues<ZmtpSocketType>())
            {
                Assert.Equal(allowed[local].Contains(peer), ZmtpSocketTypes.IsCompatible(local, peer));
            }
        }
    }

    [Fact]
    public void SocketTypes_NamesCompareExactly()
    {
        Assert.True(ZmtpSocketTypes.TryParse("XPUB"u8, out var type));
        Assert.Equal(ZmtpSocketType.XPub, type);
        Assert.False(ZmtpSocketTypes.TryParse("xpub"u8, out _));
        Assert.False(ZmtpSocketTypes.TryParse("CLIENT"u8, out _));
    }

    /// <summary>Parses whole command frames (header included) every way and maps each body.</summary>
    private static List<string> ParseCommandsEveryWay(byte[] wire, Func<ReadOnlySequence<byte>, string> map) =>
        Feeder.ParseEveryWay<string>(wire, () =>
        {
            var frames = new ZmtpFrameReader(-1);
            return (Parser<string>)((ref SequenceReader<byte> reader, out string value) =>
            {
                if (!frames.TryRead(ref reader, out var frame))
                {
                    value = "";
                    return false;
                }

                Assert.True(frame.Header.IsCommand);
                try
                {
                    value = map(frame.Body);
                }
                finally
                {
                    frame.Release();
                }

                return true;
            });
        }, s => s);
}
