using System.Buffers;
using System.Buffers.Binary;

namespace Zmtp.Protocol;

/// <summary>
/// A parsed frame header: flags and body size. <c>[flags:u8][size:u8]</c> or <c>[flags:u8][size:u64be]</c>.
/// </summary>
public readonly struct ZmtpFrameHeader
{
    /// <summary>Length of a short header (flags + one size octet).</summary>
    public const int ShortLength = 2;

    /// <summary>Length of a long header (flags + eight size octets).</summary>
    public const int LongLength = 9;

    /// <summary>Largest body that uses the short form (libzmq: LONG exactly when the body is over 255).</summary>
    public const int MaxShortSize = 255;

    /// <summary>Creates a header.</summary>
    /// <param name="flags">The flags octet (reserved bits are kept as received).</param>
    /// <param name="size">The body size.</param>
    public ZmtpFrameHeader(ZmtpFrameFlags flags, long size)
    {
        Flags = flags;
        Size = size;
    }

    /// <summary>The flags octet.</summary>
    public ZmtpFrameFlags Flags { get; }

    /// <summary>The body size in octets.</summary>
    public long Size { get; }

    /// <summary>True for a command frame.</summary>
    public bool IsCommand => (Flags & ZmtpFrameFlags.Command) != 0;

    /// <summary>True when more frames of the same message follow.</summary>
    public bool HasMore => (Flags & ZmtpFrameFlags.More) != 0;

    /// <summary>The number of header octets the encoder uses for a body of <paramref name="size"/> octets.</summary>
    /// <param name="size">The body size.</param>
    /// <returns>2 or 9.</returns>
    public static int GetEncodedLength(long size) => size > MaxShortSize ? LongLength : ShortLength;

    /// <summary>
    /// Parses a frame header. Returns false (consuming nothing) when fewer header octets are buffered than
    /// needed. On success the reader is advanced past the header only.
    /// </summary>
    /// <param name="reader">The unread bytes.</param>
    /// <param name="maxSize">Largest accepted body size, or a negative value for no limit.</param>
    /// <param name="header">The parsed header.</param>
    /// <returns>True when a whole header was parsed.</returns>
    /// <exception cref="ZmtpProtocolException">The size is over the limit, or a command frame has MORE set.</exception>
    public static bool TryParse(ref SequenceReader<byte> reader, long maxSize, out ZmtpFrameHeader header)
    {
        header = default;
        if (!reader.TryPeek(out var first))
        {
            return false;
        }

        var flags = (ZmtpFrameFlags)first;
        ulong size;
        int length;
        if ((flags & ZmtpFrameFlags.Long) != 0)
        {
            Span<byte> bytes = stackalloc byte[LongLength];
            if (!reader.TryCopyTo(bytes))
            {
                return false;
            }

            size = BinaryPrimitives.ReadUInt64BigEndian(bytes[1..]);
            length = LongLength;
        }
        else
        {
            Span<byte> bytes = stackalloc byte[ShortLength];
            if (!reader.TryCopyTo(bytes))
            {
                return false;
            }

            size = bytes[1];
            length = ShortLength;
        }

        Validate(flags, size, maxSize);
        reader.Advance(length);
        header = new ZmtpFrameHeader(flags, (long)size);
        return true;
    }

    /// <summary>Writes a header for a body of <paramref name="size"/> octets (long form only when size is over 255).</summary>
    /// <param name="destination">At least <see cref="GetEncodedLength"/> octets.</param>
    /// <param name="flags">MORE and/or COMMAND; LONG is added when needed.</param>
    /// <param name="size">The body size.</param>
    /// <returns>The number of octets written.</returns>
    public static int Write(Span<byte> destination, ZmtpFrameFlags flags, long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (size > MaxShortSize)
        {
            destination[0] = (byte)(flags | ZmtpFrameFlags.Long);
            BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(1, 8), (ulong)size);
            return LongLength;
        }

        destination[1] = (byte)size;
        destination[0] = (byte)(flags & ~ZmtpFrameFlags.Long);
        return ShortLength;
    }

    private static void Validate(ZmtpFrameFlags flags, ulong size, long maxSize)
    {
        // RFC 23: MORE "SHALL be zero" on command frames; a command cannot span frames.
        if ((flags & (ZmtpFrameFlags.Command | ZmtpFrameFlags.More)) == (ZmtpFrameFlags.Command | ZmtpFrameFlags.More))
        {
            ProtocolThrow.Error(ZmtpProtocolError.InvalidFrame, "Command frame with the MORE flag set.");
        }

        // RFC 23 caps bodies at 2^63-1; we also cap at what one array can hold, and check the configured
        // limit here, at the header, so a peer's claim alone never makes us allocate anything.
        if (size > long.MaxValue)
        {
            ProtocolThrow.Error(ZmtpProtocolError.FrameTooLarge, "Frame size has the top bit set.");
        }

        if (maxSize >= 0 && size > (ulong)maxSize)
        {
            ProtocolThrow.Error(ZmtpProtocolError.FrameTooLarge, $"Frame of {size} octets exceeds the maximum of {maxSize}.");
        }

        if (size > (ulong)Array.MaxLength)
        {
            ProtocolThrow.Error(ZmtpProtocolError.FrameTooLarge, $"Frame of {size} octets is larger than this implementation can hold.");
        }
    }
}
