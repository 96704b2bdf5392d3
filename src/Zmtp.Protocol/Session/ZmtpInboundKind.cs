namespace Zmtp.Protocol;

/// <summary>What <see cref="ZmtpSession.ReadAsync"/> returned.</summary>
public enum ZmtpInboundKind
{
    /// <summary>A whole multipart message.</summary>
    Message,

    /// <summary>A SUBSCRIBE command (ZMTP 3.1).</summary>
    Subscribe,

    /// <summary>A CANCEL command (ZMTP 3.1).</summary>
    Cancel,

    /// <summary>A PING command; the caller should answer with <see cref="ZmtpSession.WritePong"/>.</summary>
    Ping,

    /// <summary>A PONG command.</summary>
    Pong,

    /// <summary>The peer closed the connection (any partial message was discarded).</summary>
    Closed,
}
