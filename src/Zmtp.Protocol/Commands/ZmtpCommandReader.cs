using System.Buffers;
using System.Text;

namespace Zmtp.Protocol;

/// <summary>
/// Pure readers for command bodies (<c>[name-length:u8][name][data]</c>, the frame header already removed).
/// Every length is checked against what remains; violations throw <see cref="ZmtpProtocolException"/>.
/// </summary>
public static class ZmtpCommandReader
{
    /// <summary>Largest PING/PONG context a PONG echoes (RFC 37: "MUST NOT exceed 16 octets").</summary>
    public const int MaxPingContext = 16;

    /// <summary>Reads the command name and leaves the reader at the start of the command data.</summary>
    /// <param name="body">The command body.</param>
    /// <returns>The recognised command, or <see cref="ZmtpCommandKind.Unknown"/>.</returns>
    public static ZmtpCommandKind ReadName(ref SequenceReader<byte> body)
    {
        // RFC 37: command-name = OCTET 1*255command-name-char
        if (!body.TryRead(out var length) || length == 0 || body.Remaining < length)
        {
            return ProtocolThrow.Error<ZmtpCommandKind>(ZmtpProtocolError.MalformedCommand, "Truncated or empty command name.");
        }

        Span<byte> name = stackalloc byte[length];
        body.TryCopyTo(name);
        body.Advance(length);
        return Classify(name);
    }

    /// <summary>Reads the data of an ERROR command: <c>[reason-length:u8][reason]</c>.</summary>
    /// <param name="data">The reader, positioned after the name.</param>
    /// <returns>The reason text (ASCII expected; other octets are kept as Latin-1).</returns>
    public static string ReadErrorReason(ref SequenceReader<byte> data)
    {
        if (!data.TryRead(out var length) || data.Remaining < length)
        {
            return ProtocolThrow.Error<string>(ZmtpProtocolError.MalformedCommand, "Truncated ERROR reason.");
        }

        Span<byte> reason = stackalloc byte[length];
        data.TryCopyTo(reason);
        data.Advance(length);
        return Encoding.Latin1.GetString(reason);
    }

    /// <summary>Reads the TTL of a PING (u16be, deciseconds) and leaves the reader at the context.</summary>
    /// <param name="data">The reader, positioned after the name.</param>
    /// <returns>The TTL.</returns>
    public static ushort ReadPingTtl(ref SequenceReader<byte> data)
    {
        if (!data.TryReadBigEndian(out short ttl))
        {
            return ProtocolThrow.Error<ushort>(ZmtpProtocolError.MalformedCommand, "Truncated PING.");
        }

        return (ushort)ttl;
    }

    private static ZmtpCommandKind Classify(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when name.SequenceEqual("PING"u8) => ZmtpCommandKind.Ping,
        4 when name.SequenceEqual("PONG"u8) => ZmtpCommandKind.Pong,
        5 when name.SequenceEqual("READY"u8) => ZmtpCommandKind.Ready,
        5 when name.SequenceEqual("ERROR"u8) => ZmtpCommandKind.Error,
        5 when name.SequenceEqual("HELLO"u8) => ZmtpCommandKind.Hello,
        6 when name.SequenceEqual("CANCEL"u8) => ZmtpCommandKind.Cancel,
        7 when name.SequenceEqual("WELCOME"u8) => ZmtpCommandKind.Welcome,
        7 when name.SequenceEqual("MESSAGE"u8) => ZmtpCommandKind.Message,
        8 when name.SequenceEqual("INITIATE"u8) => ZmtpCommandKind.Initiate,
        9 when name.SequenceEqual("SUBSCRIBE"u8) => ZmtpCommandKind.Subscribe,
        _ => ZmtpCommandKind.Unknown,
    };
}
