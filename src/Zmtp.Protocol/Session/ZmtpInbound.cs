namespace Zmtp.Protocol;

/// <summary>One item read from a session: a message, a command, or the end of the connection.</summary>
public readonly struct ZmtpInbound
{
    private ZmtpInbound(ZmtpInboundKind kind, Message? message, ReadOnlyMemory<byte> data, ushort pingTtl)
    {
        Kind = kind;
        Message = message;
        Data = data;
        PingTtl = pingTtl;
    }

    /// <summary>The kind of item.</summary>
    public ZmtpInboundKind Kind { get; }

    /// <summary>For <see cref="ZmtpInboundKind.Message"/>: the whole message, its frames in pooled buffers
    /// (dispose it to return them).</summary>
    public Message? Message { get; }

    /// <summary>
    /// Subscribe/Cancel: the topic; Ping/Pong: the context (a Ping context is given whole, even when longer
    /// than 16 octets; <see cref="ZmtpSession.WritePong"/> cuts it). The memory is a fresh copy owned by the
    /// caller: it stays valid after later reads.
    /// </summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>For Ping: the TTL in deciseconds (0 = no hint).</summary>
    public ushort PingTtl { get; }

    internal static ZmtpInbound Closed => new(ZmtpInboundKind.Closed, null, default, 0);

    internal static ZmtpInbound ForMessage(Message message) => new(ZmtpInboundKind.Message, message, default, 0);

    internal static ZmtpInbound ForCommand(ZmtpInboundKind kind, ReadOnlyMemory<byte> data, ushort pingTtl = 0) =>
        new(kind, null, data, pingTtl);
}
