namespace Zmtp.Protocol;

/// <summary>Configuration of one <see cref="ZmtpSession"/>.</summary>
public sealed class ZmtpSessionOptions
{
    /// <summary>Our socket type, announced as Socket-Type and checked against the peer's.</summary>
    public required ZmtpSocketType SocketType { get; init; }

    /// <summary>
    /// Our routing id, sent as the Identity property when our type is REQ, DEALER or ROUTER (as libzmq
    /// does: always present for those types, empty when unset). At most 255 octets.
    /// </summary>
    public ReadOnlyMemory<byte> RoutingId { get; init; }

    /// <summary>Largest inbound frame body accepted, in octets; -1 means unlimited (ZMQ_MAXMSGSIZE).</summary>
    public long MaxMessageSize { get; init; } = -1;

    /// <summary>
    /// Largest command accepted after the handshake, in octets (-1: no limit). Default 64 KiB; a socket
    /// raises it to what a subscription may hold.
    /// </summary>
    public long MaxCommandSize { get; init; } = ZmtpSession.MaxHandshakeCommandSize;

    /// <summary>Most frames one inbound message may have (-1: no limit). Default 4096: every frame costs a
    /// slot however short it is, so a flood of empty frames must not grow a message without bound.</summary>
    public int MaxFramesPerMessage { get; init; } = 4096;

    /// <summary>Most properties the peer's READY may carry (-1: no limit). Default 64.</summary>
    public int MaxMetadataProperties { get; init; } = 64;

    /// <summary>Time allowed for greeting plus security handshake; <see cref="TimeSpan.Zero"/> or
    /// <see cref="Timeout.InfiniteTimeSpan"/> for no limit (ZMQ_HANDSHAKE_IVL).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>True on the binding (accepting) side; unused by NULL.</summary>
    public bool IsServer { get; init; }

    /// <summary>Application properties (names must start with "X-") appended to READY.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>>? Metadata { get; init; }

    /// <summary>Where received messages come from (a socket's pool); null allocates each one.</summary>
    internal MessagePool? MessagePool { get; init; }
}
