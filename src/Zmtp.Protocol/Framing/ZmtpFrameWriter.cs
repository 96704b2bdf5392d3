using System.Buffers;

namespace Zmtp.Protocol;

/// <summary>Writes message frames into an <see cref="IBufferWriter{T}"/>; the caller flushes.</summary>
public static class ZmtpFrameWriter
{
    // Bodies up to this size are written together with their header in one GetSpan call.
    private const int InlineLimit = 4096;

    /// <summary>Writes one frame with the given flags (LONG is chosen from the body size).</summary>
    /// <param name="output">The destination.</param>
    /// <param name="flags">MORE and/or COMMAND.</param>
    /// <param name="body">The frame body.</param>
    public static void WriteFrame(IBufferWriter<byte> output, ZmtpFrameFlags flags, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(output);
        var headerLength = ZmtpFrameHeader.GetEncodedLength(body.Length);
        if (body.Length <= InlineLimit)
        {
            var span = output.GetSpan(headerLength + body.Length);
            ZmtpFrameHeader.Write(span, flags, body.Length);
            body.CopyTo(span[headerLength..]);
            output.Advance(headerLength + body.Length);
            return;
        }

        WriteHeader(output, flags, body.Length);
        output.Write(body);
    }

    /// <summary>Writes a frame header only; the caller writes <paramref name="size"/> body octets next.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="flags">MORE and/or COMMAND.</param>
    /// <param name="size">The body size that will follow.</param>
    public static void WriteHeader(IBufferWriter<byte> output, ZmtpFrameFlags flags, long size)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(ZmtpFrameHeader.LongLength);
        output.Advance(ZmtpFrameHeader.Write(span, flags, size));
    }

    /// <summary>Writes every frame of a message, with MORE on all but the last.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="message">The message; it must have at least one frame.</param>
    public static void WriteMessage(IBufferWriter<byte> output, Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var count = message.Count;
        if (count == 0)
        {
            throw new ArgumentException("A message must have at least one frame.", nameof(message));
        }

        for (var i = 0; i < count; i++)
        {
            WriteFrame(output, i < count - 1 ? ZmtpFrameFlags.More : ZmtpFrameFlags.None, message[i].Span);
        }
    }
}
