using System.Buffers;
using Zmtp.Protocol.Tests.Support;

namespace Zmtp.Protocol.Tests;

public sealed class MetadataTests
{
    private static IReadOnlyDictionary<string, byte[]> Read(byte[] bytes)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        return ZmtpMetadata.Read(ref reader);
    }

    [Fact]
    public void Read_DocumentExampleAndCaseInsensitiveLookup()
    {
        var props = Read(Hex.Parse("0B 53 6F 63 6B 65 74 2D 54 79 70 65 00 00 00 06 44 45 41 4C 45 52"));
        Assert.Equal("DEALER"u8.ToArray(), props["SOCKET-TYPE"]);
        Assert.Equal("DEALER"u8.ToArray(), props["socket-type"]);
        Assert.Single(props);
    }

    [Fact]
    public void Read_EmptyValueAndEmptyBlock()
    {
        Assert.Empty(Read([]));
        Assert.Empty(Read(Hex.Parse("01 41 00 00 00 00"))["A"]);
    }

    [Fact]
    public void Read_FirstOccurrenceWins()
    {
        var props = Read(Hex.Parse("01 41 00 00 00 01 31 01 61 00 00 00 01 32"));
        Assert.Equal("1"u8.ToArray(), props["A"]);
    }

    [Theory]
    [InlineData("0B")]                                  // single leftover octet
    [InlineData("05 41 42")]                           // name cut short
    [InlineData("01 41 00 00")]                        // value length cut short
    [InlineData("01 41 00 00 00 05 31 32")]            // value cut short
    [InlineData("01 41 80 00 00 00")]                  // value length over 2^31-1
    [InlineData("00 00 00 00 00")]                     // zero-length name
    public void Read_MalformedIsInvalidMetadata(string hex)
    {
        var ex = Assert.Throws<ZmtpProtocolException>(() => Read(Hex.Parse(hex)));
        Assert.Equal(ZmtpProtocolError.InvalidMetadata, ex.Error);
    }

    [Fact]
    public void Write_RoundTrips()
    {
        KeyValuePair<string, ReadOnlyMemory<byte>>[] props = [new("Socket-Type", "PUB"u8.ToArray()), new("X-Empty", ReadOnlyMemory<byte>.Empty)];
        var length = ZmtpMetadata.GetEncodedLength(props);
        var buffer = new byte[length];
        Assert.Equal(length, ZmtpMetadata.Write(buffer, props));
        var read = Read(buffer);
        Assert.Equal("PUB"u8.ToArray(), read["Socket-Type"]);
        Assert.Empty(read["x-empty"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("with space")]
    [InlineData("colon:")]
    public void Write_RejectsInvalidNames(string name) =>
        Assert.Throws<ArgumentException>(() => ZmtpMetadata.GetEncodedLength([new(name, ReadOnlyMemory<byte>.Empty)]));
}
