using System.Buffers;
using System.Text;
using Zmtp.Protocol.Tests.Support;

namespace Zmtp.Protocol.Tests;

public sealed class GreetingTests
{
    private static readonly Parser<ZmtpGreeting> Parse = ZmtpGreeting.TryParse;

    private static string Describe(ZmtpGreeting g) => $"{g.MajorVersion}.{g.MinorVersion} {g.Mechanism} {g.AsServer}";

    [Fact]
    public void Write_ProducesOurGoldenGreeting()
    {
        var output = new ArrayBufferWriter<byte>();
        ZmtpGreeting.Write(output, "NULL", asServer: false);
        Assert.Equal(Golden.OurGreeting, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Write_SetsAsServerFlagAtOffset32()
    {
        var output = new ArrayBufferWriter<byte>();
        ZmtpGreeting.Write(output, "CURVE", asServer: true);
        Assert.Equal(64, output.WrittenCount);
        Assert.Equal(1, output.WrittenSpan[32]);
        Assert.Equal("CURVE"u8.ToArray(), output.WrittenSpan.Slice(12, 5).ToArray());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTU")]
    public void Write_RejectsInvalidMechanismNames(string mechanism) =>
        Assert.Throws<ArgumentException>(() => ZmtpGreeting.Write(new ArrayBufferWriter<byte>(), mechanism, false));

    [Fact]
    public void Parse_LibzmqGreetingWithPaddingOne()
    {
        var results = Feeder.ParseEveryWay(Golden.LibzmqGreeting, () => Parse, Describe);
        Assert.Equal("3.1 NULL False", Describe(Assert.Single(results)));
    }

    [Fact]
    public void Parse_Zmtp30Greeting()
    {
        var results = Feeder.ParseEveryWay(Golden.Zmtp30Greeting, () => Parse, Describe);
        Assert.Equal("3.0 NULL False", Describe(Assert.Single(results)));
    }

    [Fact]
    public void Parse_PlainGreeting()
    {
        var results = Feeder.ParseEveryWay(Golden.PlainGreeting, () => Parse, Describe);
        Assert.Equal("3.1 PLAIN False", Describe(Assert.Single(results)));
    }

    [Fact]
    public void Parse_LeavesFollowingBytesUnconsumed()
    {
        var input = Hex.Concat(Golden.LibzmqGreeting, Golden.ReadyFor(ZmtpSocketType.Rep));
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(input));
        Assert.True(ZmtpGreeting.TryParse(ref reader, out _));
        Assert.Equal(64, reader.Consumed);
    }

    [Fact]
    public void Parse_IncompleteGreetingConsumesNothing()
    {
        for (var length = 0; length < 64; length++)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Golden.LibzmqGreeting, 0, length));
            Assert.False(ZmtpGreeting.TryParse(ref reader, out _));
            Assert.Equal(0, reader.Consumed);
        }
    }

    [Fact]
    public void Parse_HttpRequestRejectedAtFirstOctet()
    {
        var http = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        for (var length = 1; length <= 10; length++)
        {
            var ex = Assert.Throws<ZmtpProtocolException>(() => TryParse(http[..length]));
            Assert.Equal(ZmtpProtocolError.InvalidGreeting, ex.Error);
        }
    }

    [Fact]
    public void Parse_Zmtp10SignatureRejectedAfterTenOctets()
    {
        var signature = Hex.Parse("FF 00 00 00 00 00 00 00 01 7E");
        Assert.False(TryParse(signature[..9]));
        var ex = Assert.Throws<ZmtpProtocolException>(() => TryParse(signature));
        Assert.Equal(ZmtpProtocolError.InvalidGreeting, ex.Error);
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x02)]
    public void Parse_Zmtp20OrOlderMajorRejectedAtOctetTen(byte major)
    {
        var start = Hex.Concat(Hex.Parse("FF 00 00 00 00 00 00 00 01 7F"), [major, 0x05]);
        var ex = Assert.Throws<ZmtpProtocolException>(() => TryParse(start[..11]));
        Assert.Equal(ZmtpProtocolError.UnsupportedVersion, ex.Error);
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(4, 0)]
    public void Parse_LaterVersionsAccepted(byte major, byte minor)
    {
        var greeting = (byte[])Golden.LibzmqGreeting.Clone();
        greeting[10] = major;
        greeting[11] = minor;
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(greeting));
        Assert.True(ZmtpGreeting.TryParse(ref reader, out var parsed));
        Assert.Equal((major, minor), ((byte)parsed.MajorVersion, (byte)parsed.MinorVersion));
    }

    [Fact]
    public void Parse_GarbageInMechanismPaddingRejected()
    {
        var greeting = (byte[])Golden.LibzmqGreeting.Clone();
        greeting[20] = 0x41;
        var ex = Assert.Throws<ZmtpProtocolException>(() => TryParse(greeting));
        Assert.Equal(ZmtpProtocolError.InvalidGreeting, ex.Error);
    }

    private static bool TryParse(byte[] bytes)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        return ZmtpGreeting.TryParse(ref reader, out _);
    }
}
