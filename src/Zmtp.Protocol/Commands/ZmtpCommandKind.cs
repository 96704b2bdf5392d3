namespace Zmtp.Protocol;

/// <summary>The ZMTP commands this library recognises by name (names compare case-sensitively, as in libzmq).</summary>
public enum ZmtpCommandKind
{
    /// <summary>Any other name; ignored after the handshake (libzmq behaviour).</summary>
    Unknown,

    /// <summary>READY: end of the handshake, carries metadata.</summary>
    Ready,

    /// <summary>ERROR: fatal handshake failure with a reason.</summary>
    Error,

    /// <summary>HELLO (PLAIN / CURVE).</summary>
    Hello,

    /// <summary>WELCOME (PLAIN / CURVE).</summary>
    Welcome,

    /// <summary>INITIATE (PLAIN / CURVE).</summary>
    Initiate,

    /// <summary>MESSAGE (CURVE).</summary>
    Message,

    /// <summary>SUBSCRIBE (ZMTP 3.1).</summary>
    Subscribe,

    /// <summary>CANCEL (ZMTP 3.1).</summary>
    Cancel,

    /// <summary>PING heartbeat (ZMTP 3.1).</summary>
    Ping,

    /// <summary>PONG heartbeat reply (ZMTP 3.1).</summary>
    Pong,
}
