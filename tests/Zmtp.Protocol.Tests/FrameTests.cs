using System.Buffers;
using Zmtp.Protocol.Tests.Support;

namespace Zmtp.Protocol.Tests;

public sealed class FrameTests
{
    public static TheoryData<string, byte[], byte[][]> GoldenMessages()
    {
        var b255 = Hex.Repeat(0x61, 255);
        var b256 = Hex.Repeat(0x62, 256);
        var b64000 = Enumerable.Range(0, 64000).Select(i => (byte)i).ToArray();
        return new TheoryData<string, byte[], byte[][]>
        {
            { "Hello", Hex.Parse("00 05 48 65 6C 6C 6F"), ["Hello"u8.ToArray()] },
            { "empty", Hex.Parse("00 00"), [[]] },
            { "A,B", Hex.Parse("01 01 41 00 01 42"), ["A"u8.ToArray(), "B"u8.ToArray()] },
            { "REQ Hello", Hex.Parse("01 00 00 05 48 65 6C 6C 6F"), [[], "Hello"u8.ToArray()] },
            { "REQ A,B", Hex.Parse("01 00 01 01 41 00 01 42"), [[], "A"u8.ToArray(), "B"u8.ToArray()] },
            { "255", Hex.Concat(Hex.Parse("00 FF"), b255), [b255] },
            { "256", Hex.Concat(Hex.Parse("02 00 00 00 00 00 00 01 00"), b256), [b256] },
            { "256 more", Hex.Concat(Hex.Parse("03 00 00 00 00 00 00 01 00"), b256, Hex.Parse("00 00")), [b256, []] },
            { "64000", Hex.Concat(Hex.Parse("02 00 00 00 00 00 00 FA 00"), b64000), [b64000] },
        };
    }

    [Theory]
    [MemberData(nameof(GoldenMessages))]
    public void WriteMessage_ProducesGoldenBytes(string name, byte[] wire, byte[][] frames)
    {
        var output = new ArrayBufferWriter<byte>();
        ZmtpFrameWriter.WriteMessage(output, new Message(frames));
        Assert.True(wire.AsSpan().SequenceEqual(output.WrittenSpan), name);
    }

    [Theory]
    [MemberData(nameof(GoldenMessages))]
    public void Parse_GoldenBytesEveryWay(string name, byte[] wire, byte[][] frames)
    {
        // The big golden is checked in one and two segments only, to keep the run short.
        List<string> results = wire.Length > 10000
            ? Feeder.ParseAll(Segments.Build(wire[..5000], wire[5000..]), NewParser(-1)).Select(Describe).ToList()
            : Feeder.ParseEveryWay(wire, () => NewParser(-1), Describe);
        var expected = frames.Select((f, i) => $"{(i < frames.Length - 1 ? "M" : "L")}:{Hex.Format(f)}");
        Assert.True(expected.SequenceEqual(results), name);
    }

    [Fact]
    public void Parse_CommandFrameSlicedInPlaceAndLongCommand()
    {
        var longData = Hex.Repeat(0x7A, 300);
        var wire = Hex.Concat(
            Hex.Parse("04 0A 04 50 49 4E 47 00 00 4C 4F 4C"),
            Hex.Parse("06 00 00 00 00 00 00 01 36 09"), "SUBSCRIBE"u8.ToArray(), longData);
        var results = Feeder.ParseEveryWay(wire, () => NewParser(-1), Describe);
        Assert.Equal(2, results.Count);
        Assert.Equal("C:0450494E4700004C4F4C", results[0]);
        Assert.Equal("C:09" + Hex.Format("SUBSCRIBE"u8) + Hex.Format(longData), results[1]);
    }

    [Fact]
    public void Parse_ReservedFlagBitsOnDataFramesAreIgnored()
    {
        var results = Feeder.ParseEveryWay(Hex.Parse("08 01 41 F9 01 42 00 01 43"), () => NewParser(-1), Describe);
        Assert.Equal(["L:41", "M:42", "L:43"], results);
    }

    [Fact]
    public void Header_CommandWithMoreIsInvalid()
    {
        var ex = Assert.Throws<ZmtpProtocolException>(() => ParseHeader(Hex.Parse("05 04 50 4F 4E 47"), -1));
        Assert.Equal(ZmtpProtocolError.InvalidFrame, ex.Error);
    }

    [Theory]
    [InlineData("02 40 00 00 00 00 00 00 00")] // 2^62
    [InlineData("02 80 00 00 00 00 00 00 00")] // top bit set
    [InlineData("02 FF FF FF FF FF FF FF FF")]
    [InlineData("02 00 00 00 00 80 00 00 00")] // 2^31, over Array.MaxLength
    [InlineData("06 00 00 00 01 00 00 00 00")] // command of 2^32
    public void Header_HugeSizesRejectedEvenWhenUnlimited(string header)
    {
        var ex = Assert.Throws<ZmtpProtocolException>(() => ParseHeader(Hex.Parse(header), -1));
        Assert.Equal(ZmtpProtocolError.FrameTooLarge, ex.Error);
    }

    [Fact]
    public void Header_MaxMessageSizeAppliesPerFrameAtTheHeader()
    {
        Assert.True(ParseHeader(Hex.Parse("00 64"), 100));
        var ex = Assert.Throws<ZmtpProtocolException>(() => ParseHeader(Hex.Parse("00 65"), 100));
        Assert.Equal(ZmtpProtocolError.FrameTooLarge, ex.Error);
        ex = Assert.Throws<ZmtpProtocolException>(() => ParseHeader(Hex.Parse("02 00 00 00 00 00 01 00 00"), 65535));
        Assert.Equal(ZmtpProtocolError.FrameTooLarge, ex.Error);
    }

    [Fact]
    public void Header_LongSizeForSmallBodyAccepted()
    {
        var results = Feeder.ParseEveryWay(Hex.Parse("02 00 00 00 00 00 00 00 01 41"), () => NewParser(-1), Describe);
        Assert.Equal(["L:41"], results);
    }

    [Fact]
    public void Header_IncompleteConsumesNothing()
    {
        var header = Hex.Parse("02 00 00 00 00 00 00 01 00");
        for (var length = 0; length < header.Length; length++)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(header, 0, length));
            Assert.False(ZmtpFrameHeader.TryParse(ref reader, -1, out _));
            Assert.Equal(0, reader.Consumed);
        }
    }

    [Fact]
    public void Reader_LargeClaimCommitsMemoryOnlyAsBytesArrive()
    {
        var frames = new ZmtpFrameReader(-1);
        var header = Hex.Parse("02 00 00 00 00 40 00 00 00"); // 1 GiB claimed
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Hex.Concat(header, new byte[10])));
        Assert.False(frames.TryRead(ref reader, out _));
        Assert.True(reader.End);
        Assert.True(frames.InBody);
        Assert.InRange(frames.PartialCapacity, 1, 2 * ZmtpFrameReader.InitialChunk);

        // 200 KiB more arrive: the buffer grows with them, not to the claimed size.
        reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(new byte[200 * 1024]));
        Assert.False(frames.TryRead(ref reader, out _));
        Assert.InRange(frames.PartialCapacity, 200 * 1024, 1024 * 1024);
        frames.Reset();
        Assert.Equal(0, frames.PartialCapacity);
    }

    [Fact]
    public void Reader_CommandsOnlyRejectsMessageFrameAtHeader()
    {
        var frames = new ZmtpFrameReader(-1) { CommandsOnly = true };
        var ex = Assert.Throws<ZmtpProtocolException>(() =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Hex.Parse("02 00 00 00 00 10 00 00 00")));
            frames.TryRead(ref reader, out _);
        });
        Assert.Equal(ZmtpProtocolError.MessageBeforeReady, ex.Error);
    }

    [Fact]
    public void WriteMessage_RejectsEmptyMessage() =>
        Assert.Throws<ArgumentException>(() => ZmtpFrameWriter.WriteMessage(new ArrayBufferWriter<byte>(), new Message()));

    private static bool ParseHeader(byte[] bytes, long max)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        return ZmtpFrameHeader.TryParse(ref reader, max, out _);
    }

    private static Parser<string> NewParser(long max)
    {
        var frames = new ZmtpFrameReader(max);
        return (ref SequenceReader<byte> reader, out string value) =>
        {
            if (!frames.TryRead(ref reader, out var frame))
            {
                value = "";
                return false;
            }

            value = frame.Header.IsCommand
                ? "C:" + Hex.Format(frame.Body.ToArray())
                : (frame.Header.HasMore ? "M:" : "L:") + Hex.Format(frame.Body.ToArray());
            frame.Release();
            return true;
        };
    }

    private static string Describe(string s) => s;
}
