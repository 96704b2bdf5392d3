using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Zmtp.Protocol;

/// <summary>Writes command frames into an <see cref="IBufferWriter{T}"/>; the caller flushes.</summary>
public static class ZmtpCommandWriter
{
    /// <summary>Writes a command frame: header, <c>[name-length][name]</c>, then <paramref name="data"/>.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="name">The command name (1..255 ASCII letters).</param>
    /// <param name="data">The command data.</param>
    public static void WriteCommand(IBufferWriter<byte> output, ReadOnlySpan<byte> name, ReadOnlySpan<byte> data)
    {
        WriteCommandStart(output, name, data.Length);
        output.Write(data);
    }

    /// <summary>Writes READY with the given metadata (names emitted exactly as given).</summary>
    /// <param name="output">The destination.</param>
    /// <param name="metadata">Properties in wire order.</param>
    public static void WriteReady(IBufferWriter<byte> output, IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> metadata) =>
        WriteMetadataCommand(output, "READY"u8, metadata);

    /// <summary>Writes a command whose data is a metadata block (READY, PLAIN INITIATE).</summary>
    /// <param name="output">The destination.</param>
    /// <param name="name">The command name.</param>
    /// <param name="metadata">Properties in wire order.</param>
    public static void WriteMetadataCommand(
        IBufferWriter<byte> output,
        ReadOnlySpan<byte> name,
        IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> metadata)
    {
        var length = ZmtpMetadata.GetEncodedLength(metadata);
        WriteCommandStart(output, name, length);
        var span = output.GetSpan(Math.Max(length, 1));
        ZmtpMetadata.Write(span, metadata);
        output.Advance(length);
    }

    /// <summary>Writes ERROR with a reason of at most 255 ASCII characters (longer reasons are cut).</summary>
    /// <param name="output">The destination.</param>
    /// <param name="reason">Printable text for the peer's log.</param>
    public static void WriteError(IBufferWriter<byte> output, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Span<byte> data = stackalloc byte[256];
        var length = Encoding.ASCII.GetBytes(reason.AsSpan(0, Math.Min(reason.Length, 255)), data[1..]);
        data[0] = (byte)length;
        WriteCommand(output, "ERROR"u8, data[..(length + 1)]);
    }

    /// <summary>Writes the ZMTP 3.1 SUBSCRIBE command.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="topic">The topic prefix.</param>
    public static void WriteSubscribe(IBufferWriter<byte> output, ReadOnlySpan<byte> topic) =>
        WriteCommand(output, "SUBSCRIBE"u8, topic);

    /// <summary>Writes the ZMTP 3.1 CANCEL command.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="topic">The topic prefix.</param>
    public static void WriteCancel(IBufferWriter<byte> output, ReadOnlySpan<byte> topic) =>
        WriteCommand(output, "CANCEL"u8, topic);

    /// <summary>Writes PING with a TTL in deciseconds and a context of at most 16 octets.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="ttlDeciseconds">Time-to-live hint in tenths of a second; 0 = none.</param>
    /// <param name="context">Up to 16 octets the peer echoes in its PONG.</param>
    public static void WritePing(IBufferWriter<byte> output, ushort ttlDeciseconds, ReadOnlySpan<byte> context)
    {
        if (context.Length > ZmtpCommandReader.MaxPingContext)
        {
            throw new ArgumentException("RFC 37: a PING context MUST NOT exceed 16 octets.", nameof(context));
        }

        WriteCommandStart(output, "PING"u8, 2 + context.Length);
        var span = output.GetSpan(2 + context.Length);
        BinaryPrimitives.WriteUInt16BigEndian(span, ttlDeciseconds);
        context.CopyTo(span[2..]);
        output.Advance(2 + context.Length);
    }

    /// <summary>Writes PONG echoing a PING context, cut to its first 16 octets (as libzmq does).</summary>
    /// <param name="output">The destination.</param>
    /// <param name="context">The PING's context.</param>
    public static void WritePong(IBufferWriter<byte> output, ReadOnlySpan<byte> context) =>
        WriteCommand(output, "PONG"u8, context[..Math.Min(context.Length, ZmtpCommandReader.MaxPingContext)]);

    private static void WriteCommandStart(IBufferWriter<byte> output, ReadOnlySpan<byte> name, int dataLength)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (name.Length is 0 or > 255)
        {
            throw new ArgumentException("A command name has 1 to 255 octets.", nameof(name));
        }

        var size = 1L + name.Length + dataLength;
        var headerLength = ZmtpFrameHeader.GetEncodedLength(size);
        var span = output.GetSpan(headerLength + 1 + name.Length);
        ZmtpFrameHeader.Write(span, ZmtpFrameFlags.Command, size);
        span[headerLength] = (byte)name.Length;
        name.CopyTo(span[(headerLength + 1)..]);
        output.Advance(headerLength + 1 + name.Length);
    }
}
