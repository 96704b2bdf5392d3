namespace Zmtp.Proxying;

/// <summary>Which directions a socket type supports, for checking a proxy's sockets before it starts.</summary>
internal static class SocketRoles
{
    /// <summary>False for PUB and PUSH, which only send.</summary>
    public static bool CanReceive(ZmtpSocket socket) => socket.SocketType is not (ZmtpSocketType.Pub or ZmtpSocketType.Push);

    /// <summary>False for SUB and PULL, which only receive.</summary>
    public static bool CanSend(ZmtpSocket socket) => socket.SocketType is not (ZmtpSocketType.Sub or ZmtpSocketType.Pull);
}
