namespace Zmtp;

/// <summary>One event of a monitored socket.</summary>
/// <param name="Type">What happened.</param>
/// <param name="Endpoint">The endpoint it happened on (as bound or connected).</param>
/// <param name="Value">libzmq's event value: an errno for failures, the wait in milliseconds for
/// <see cref="SocketEventType.ConnectRetried"/>, the protocol error code for
/// <see cref="SocketEventType.HandshakeFailedProtocol"/>, and 0 where libzmq reports a file descriptor.</param>
/// <param name="Reason">Why, in words, for failures and disconnections; null otherwise.</param>
public sealed record SocketEvent(SocketEventType Type, string Endpoint, int Value, string? Reason = null)
{
    /// <summary>The event's name as the <c>zmtp monitor</c> tool prints it: <c>connected</c>,
    /// <c>handshake-succeeded</c>, …</summary>
    public string Name => Type switch
    {
        SocketEventType.Connected => "connected",
        SocketEventType.ConnectDelayed => "connect-delayed",
        SocketEventType.ConnectRetried => "connect-retried",
        SocketEventType.Listening => "listening",
        SocketEventType.BindFailed => "bind-failed",
        SocketEventType.Accepted => "accepted",
        SocketEventType.AcceptFailed => "accept-failed",
        SocketEventType.Closed => "closed",
        SocketEventType.CloseFailed => "close-failed",
        SocketEventType.Disconnected => "disconnected",
        SocketEventType.MonitorStopped => "monitor-stopped",
        SocketEventType.HandshakeFailedNoDetail => "handshake-failed",
        SocketEventType.HandshakeSucceeded => "handshake-succeeded",
        SocketEventType.HandshakeFailedProtocol => "handshake-failed-protocol",
        SocketEventType.HandshakeFailedAuth => "handshake-failed-auth",
        _ => Type.ToString().ToLowerInvariant(),
    };
}
