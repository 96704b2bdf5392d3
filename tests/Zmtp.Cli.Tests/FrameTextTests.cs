using System.Text;
using Zmtp.Cli.Output;

namespace Zmtp.Cli.Tests;

public sealed class FrameTextTests
{
    [Fact]
    public void Frames_are_separated_by_tab()
    {
        using var message = Message.FromStrings("hello", "world", "3");

        Assert.Equal("hello\tworld\t3", FrameText.Format(message, hex: false));
    }

    [Fact]
    public void Empty_frame_is_an_empty_field_as_text_and_0x_under_hex()
    {
        using var message = new Message("a"u8.ToArray(), ReadOnlyMemory<byte>.Empty, "b"u8.ToArray());

        Assert.Equal("a\t\tb", FrameText.Format(message, hex: false));

        // Under --hex every field is hex, the empty one too (issue 9, item 7).
        Assert.Equal("0x61\t0x\t0x62", FrameText.Format(message, hex: true));
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0xff }, "0x00ff")]
    [InlineData(new byte[] { 0xc3, 0x28 }, "0xc328")] // invalid UTF-8 sequence
    [InlineData(new byte[] { 0x61, 0x09, 0x62 }, "0x610962")] // a TAB would split the field
    [InlineData(new byte[] { 0x61, 0x0a }, "0x610a")] // a newline would split the line
    [InlineData(new byte[] { 0x7f }, "0x7f")]
    [InlineData(new byte[] { 0xc2, 0x85 }, "0xc285")] // U+0085, a C1 control
    [InlineData(new byte[] { 0xAB, 0xCD }, "0xabcd")] // lowercase hex
    public void Unprintable_frames_print_as_lowercase_hex(byte[] frame, string expected)
    {
        using var message = new Message(frame);

        Assert.Equal(expected, FrameText.Format(message, hex: false));
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("héllo wörld ✓ 日本")]
    [InlineData("emoji 😀")]
    [InlineData("{\"json\": [1, 2]}")]
    public void Printable_utf8_prints_as_itself(string text)
    {
        using var message = Message.FromStrings(text, "x");

        Assert.Equal(text + "\tx", FrameText.Format(message, hex: false));
    }

    [Fact]
    public void Hex_flag_prints_every_frame_as_hex()
    {
        using var message = Message.FromStrings("AB", "c");

        Assert.Equal("0x4142\t0x63", FrameText.Format(message, hex: true));
    }

    [Fact]
    public void Mixed_message_prints_each_frame_on_its_own_merits()
    {
        using var message = new Message("id"u8.ToArray(), new byte[] { 0, 1, 2 }, "text"u8.ToArray());

        Assert.Equal("id\t0x000102\ttext", FrameText.Format(message, hex: false));
    }

    [Fact]
    public void Large_binary_frame_is_fully_hex_encoded()
    {
        var frame = new byte[5000];
        new Random(42).NextBytes(frame);
        frame[0] = 0; // surely not text
        using var message = new Message(frame);

        Assert.Equal("0x" + Convert.ToHexStringLower(frame), FrameText.Format(message, hex: false));
    }

    [Fact]
    public void Output_sink_writes_one_flushed_line_per_message()
    {
        using var stream = new MemoryStream();
        var sink = new OutputSink(stream);
        using var first = Message.FromStrings("a", "b");
        using var second = new Message(new byte[] { 1 });

        sink.WriteMessage(first, hex: false);
        sink.WriteLine("READY");
        sink.WriteMessage(second, hex: false);

        Assert.Equal("a\tb\nREADY\n0x01\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Theory]
    [InlineData("hello", new byte[] { 0x68, 0x65, 0x6c, 0x6c, 0x6f })]
    [InlineData("", new byte[0])]
    [InlineData("0x", new byte[0])]
    [InlineData("0xDEADbeef", new byte[] { 0xde, 0xad, 0xbe, 0xef })]
    [InlineData("x0x1", new byte[] { 0x78, 0x30, 0x78, 0x31 })]
    public void Frame_arguments_parse_as_text_or_hex(string argument, byte[] expected) =>
        Assert.Equal(expected, FrameText.ParseArgument(argument));

    [Fact]
    public void Printed_hex_round_trips_through_the_frame_parser()
    {
        byte[] frame = [0x00, 0x10, 0xfe, 0xff];
        using var message = new Message(frame);

        Assert.Equal(frame, FrameText.ParseArgument(FrameText.Format(message, hex: false)));
    }
}
