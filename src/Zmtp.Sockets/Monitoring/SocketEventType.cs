namespace Zmtp;

/// <summary>
/// What happened to a socket's connections, with libzmq's event numbers (ZMQ_EVENT_*), so the values match
/// libzmq's monitor format. Combine them as a mask to choose what to monitor.
/// </summary>
[Flags]
public enum SocketEventType
{
    /// <summary>No event.</summary>
    None = 0,

    /// <summary>A connection was established (connect side).</summary>
    Connected = 0x0001,

    /// <summary>A connection attempt is in progress (connect side).</summary>
    ConnectDelayed = 0x0002,

    /// <summary>A reconnection was scheduled; the value is the wait in milliseconds.</summary>
    ConnectRetried = 0x0004,

    /// <summary>The socket is listening on an endpoint.</summary>
    Listening = 0x0008,

    /// <summary>A bind failed; the value is the errno.</summary>
    BindFailed = 0x0010,

    /// <summary>A connection was accepted (bind side).</summary>
    Accepted = 0x0020,

    /// <summary>Accepting a connection failed; the value is the errno.</summary>
    AcceptFailed = 0x0040,

    /// <summary>A connection or listener was closed (also after a failed connect attempt).</summary>
    Closed = 0x0080,

    /// <summary>Closing failed.</summary>
    CloseFailed = 0x0100,

    /// <summary>An established session ended.</summary>
    Disconnected = 0x0200,

    /// <summary>Monitoring ended (the socket was closed).</summary>
    MonitorStopped = 0x0400,

    /// <summary>The handshake failed for no protocol reason (I/O error, timeout).</summary>
    HandshakeFailedNoDetail = 0x0800,

    /// <summary>The ZMTP handshake completed.</summary>
    HandshakeSucceeded = 0x1000,

    /// <summary>The peer broke the protocol during the handshake; the value is libzmq's protocol error code.</summary>
    HandshakeFailedProtocol = 0x2000,

    /// <summary>Authentication was refused; the value is the status code (300, 400, 500).</summary>
    HandshakeFailedAuth = 0x4000,

    /// <summary>Every event above.</summary>
    All = 0xFFFF,
}
