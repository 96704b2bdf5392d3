using System.Net.Sockets;

namespace Zmtp.Transport;

/// <summary>Sorts socket failures: which ones mean the peer or the network dropped the connection.</summary>
internal static class SocketErrors
{
    /// <summary>True for errors that mean the connection was reset or lost rather than misused.</summary>
    public static bool IsConnectionLoss(SocketError error) => error is
        SocketError.ConnectionReset or
        SocketError.ConnectionAborted or
        SocketError.Shutdown or // EPIPE: the peer closed while we were still sending
        SocketError.NotConnected or
        SocketError.TimedOut or
        SocketError.NetworkDown or
        SocketError.NetworkReset or
        SocketError.NetworkUnreachable or
        SocketError.HostDown or
        SocketError.HostUnreachable;

    /// <summary>Accept failures caused by a peer that went away before it was accepted: skip and accept the next.</summary>
    public static bool IsTransientAcceptError(SocketError error) => error is
        SocketError.ConnectionReset or
        SocketError.ConnectionAborted or
        SocketError.Interrupted or
        SocketError.WouldBlock;

    /// <summary>A ready-made error for the local side giving up on a connection.</summary>
    public static IOException Aborted() => new("The connection was aborted locally.");
}
