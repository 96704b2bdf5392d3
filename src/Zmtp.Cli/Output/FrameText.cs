using System.Buffers;
using System.Text;
using Zmtp.Cli.Arguments;

namespace Zmtp.Cli.Output;

/// <summary>Converts frames to and from their command-line text form: UTF-8 text, or <c>0x</c> + hex.</summary>
internal static class FrameText
{
    private const byte Tab = (byte)'\t';
    private const byte NewLine = (byte)'\n';

    /// <summary>Parses a FRAME (or --subscribe) argument: <c>0x…</c> is hex bytes, anything else UTF-8 text.</summary>
    /// <exception cref="UsageException">The argument starts with 0x but is not whole bytes of hex.</exception>
    public static byte[] ParseArgument(string argument)
    {
        if (!argument.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetBytes(argument);
        }

        var digits = argument.AsSpan(2);
        if (digits.Length % 2 != 0 || !IsHex(digits))
        {
            throw new UsageException($"invalid hex frame '{argument}' (expected 0x followed by pairs of hex digits)");
        }

        return Convert.FromHexString(digits);
    }

    /// <summary>
    /// True when a frame prints as itself: valid UTF-8 with no control characters. Controls (TAB, LF, CR,
    /// DEL, C1) would break the one-line, TAB-separated output, so such frames print as hex instead.
    /// </summary>
    public static bool IsPrintable(ReadOnlySpan<byte> frame)
    {
        while (!frame.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(frame, out var rune, out var consumed) != OperationStatus.Done || Rune.IsControl(rune))
            {
                return false;
            }

            frame = frame[consumed..];
        }

        return true;
    }

    /// <summary>
    /// Writes one message as a line: frames separated by TAB, each as text when printable (and
    /// <paramref name="hex"/> is false) or as <c>0x</c> + lowercase hex. An empty frame is an empty field
    /// as text, and <c>0x</c> under <paramref name="hex"/>, where every field is hex.
    /// </summary>
    public static void WriteLine(IBufferWriter<byte> output, IReadOnlyList<ReadOnlyMemory<byte>> frames, bool hex)
    {
        for (var i = 0; i < frames.Count; i++)
        {
            if (i > 0)
            {
                output.Write([Tab]);
            }

            WriteFrame(output, frames[i].Span, hex);
        }

        output.Write([NewLine]);
    }

    /// <summary>The line <see cref="WriteLine"/> writes, without its newline, as a string (for tests and the demo).</summary>
    public static string Format(IReadOnlyList<ReadOnlyMemory<byte>> frames, bool hex)
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteLine(buffer, frames, hex);
        return Encoding.UTF8.GetString(buffer.WrittenSpan[..^1]);
    }

    private static void WriteFrame(IBufferWriter<byte> output, ReadOnlySpan<byte> frame, bool hex)
    {
        if (frame.IsEmpty && !hex)
        {
            return;
        }

        if (!hex && IsPrintable(frame))
        {
            // Printable frames are valid UTF-8 already: copy the bytes, no decoding needed.
            output.Write(frame);
            return;
        }

        var span = output.GetSpan(2 + (frame.Length * 2));
        span[0] = (byte)'0';
        span[1] = (byte)'x';
        Convert.TryToHexStringLower(frame, span[2..], out var written);
        output.Advance(2 + written);
    }

    private static bool IsHex(ReadOnlySpan<char> digits)
    {
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
