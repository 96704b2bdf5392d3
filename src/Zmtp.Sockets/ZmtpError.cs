namespace Zmtp;

/// <summary>
/// Why a Zmtp operation failed, mirroring the libzmq errno values that matter to applications.
/// </summary>
public enum ZmtpError
{
    /// <summary>The endpoint text is not a valid ZeroMQ endpoint (libzmq EINVAL).</summary>
    InvalidEndpoint,

    /// <summary>The transport named by the endpoint is not supported (libzmq EPROTONOSUPPORT).</summary>
    ProtocolNotSupported,

    /// <summary>The address is already in use (libzmq EADDRINUSE).</summary>
    AddressInUse,

    /// <summary>The address cannot be bound on this machine (libzmq EADDRNOTAVAIL).</summary>
    AddressNotAvailable,

    /// <summary>The endpoint was never bound or connected by this socket (libzmq ENOENT).</summary>
    EndpointNotFound,

    /// <summary>The message cannot be routed to the peer it names (libzmq EHOSTUNREACH).</summary>
    HostUnreachable,

    /// <summary>The operation failed for a reason reported by the operating system.</summary>
    SocketError,
}
