namespace Zmtp.Protocol;

/// <summary>The flags octet that starts every ZMTP 3.x frame.</summary>
[Flags]
public enum ZmtpFrameFlags : byte
{
    /// <summary>Last (or only) frame of a message, short size.</summary>
    None = 0,

    /// <summary>RFC 23: "more frames of this message follow"; SHALL be zero on command frames.</summary>
    More = 0x01,

    /// <summary>The size is a 64-bit big-endian integer instead of one octet.</summary>
    Long = 0x02,

    /// <summary>The frame is a command, not a message frame.</summary>
    Command = 0x04,
}
