namespace Zmtp.Transport;

/// <summary>Socket-level settings applied to listeners and connections (libzmq's BACKLOG, IPV6, SNDBUF, RCVBUF, CONNECT_TIMEOUT).</summary>
public sealed class TransportOptions
{
    /// <summary>Length of the queue of connections waiting to be accepted (libzmq ZMQ_BACKLOG, default 100).</summary>
    public int Backlog { get; set; } = 100;

    /// <summary>
    /// When true, binding the <c>*</c> host listens dual-stack on <c>[::]</c> and host names may resolve to
    /// IPv6 addresses; when false, <c>*</c> means <c>0.0.0.0</c> and host names resolve to IPv4 only (libzmq ZMQ_IPV6).
    /// IPv6 literals such as <c>[::1]</c> are honoured either way.
    /// </summary>
    public bool Ipv6 { get; set; }

    /// <summary>Kernel send buffer size in bytes (SO_SNDBUF); zero or negative keeps the OS default.</summary>
    public int SendBufferSize { get; set; } = -1;

    /// <summary>Kernel receive buffer size in bytes (SO_RCVBUF); zero or negative keeps the OS default.</summary>
    public int ReceiveBufferSize { get; set; } = -1;

    /// <summary>How long a TCP connect attempt may take before it fails with <c>TimedOut</c>; infinite by default (the OS timeout applies).</summary>
    public TimeSpan ConnectTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>TCP keepalive (libzmq TCP_KEEPALIVE): -1 leaves the OS default, 0 turns it off, 1 on.</summary>
    public int TcpKeepAlive { get; set; } = -1;

    /// <summary>Keepalive probes before the connection is dropped (TCP_KEEPCNT); -1 leaves the OS default.</summary>
    public int TcpKeepAliveCount { get; set; } = -1;

    /// <summary>Idle seconds before the first keepalive probe (TCP_KEEPIDLE); -1 leaves the OS default.</summary>
    public int TcpKeepAliveIdle { get; set; } = -1;

    /// <summary>Seconds between keepalive probes (TCP_KEEPINTVL); -1 leaves the OS default.</summary>
    public int TcpKeepAliveInterval { get; set; } = -1;

    /// <summary>The IP type-of-service byte for outgoing packets (libzmq TOS); 0 leaves the OS default.</summary>
    public int TypeOfService { get; set; }
}
