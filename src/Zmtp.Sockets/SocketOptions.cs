namespace Zmtp;

/// <summary>
/// The options of one socket, under .NET names, with libzmq's defaults unless a remark says otherwise.
/// Options apply to connections made after they are set, except the high-water marks and linger, which
/// apply at once (as in libzmq).
/// </summary>
public sealed class SocketOptions
{
    /// <summary>The default <see cref="Linger"/>: one second.</summary>
    /// <remarks>
    /// libzmq's default of infinite linger makes closing hang on a dead peer; a finite default cannot hang a
    /// process, yet gives a connected peer ample time to take what was queued. Set
    /// <see cref="Timeout.InfiniteTimeSpan"/> for libzmq's behaviour.
    /// </remarks>
    public static readonly TimeSpan DefaultLinger = TimeSpan.FromSeconds(1);

    private int _sendHighWatermark = 1000;
    private int _receiveHighWatermark = 1000;

    internal SocketOptions(ZmtpSocketType type)
    {
        // libzmq: SUB and XSUB default to a zero linger, they have nothing of their own to deliver.
        Linger = type is ZmtpSocketType.Sub or ZmtpSocketType.XSub ? TimeSpan.Zero : DefaultLinger;
    }

    /// <summary>SNDHWM: how many whole messages may wait for each peer before the socket blocks or drops
    /// (per its pattern). 0 means unlimited. Default 1000.</summary>
    public int SendHighWatermark
    {
        get => _sendHighWatermark;
        set => _sendHighWatermark = NotNegative(value);
    }

    /// <summary>RCVHWM: how many whole received messages may wait in the socket before it stops reading
    /// from its peers. 0 means unlimited. Default 1000. Set it before the first bind or connect.</summary>
    public int ReceiveHighWatermark
    {
        get => _receiveHighWatermark;
        set => _receiveHighWatermark = NotNegative(value);
    }

    /// <summary>LINGER: how long disposing the socket waits for queued outbound messages to be sent before
    /// dropping them. Default <see cref="DefaultLinger"/> (0 for SUB and XSUB);
    /// <see cref="Timeout.InfiniteTimeSpan"/> waits without limit.</summary>
    public TimeSpan Linger { get; set; }

    /// <summary>ROUTING_ID (IDENTITY): the id announced to peers in the handshake; 1 to 255 bytes, not
    /// starting with a zero byte (reserved for generated ids). Null for none.</summary>
    public byte[]? RoutingId
    {
        get => _routingId;
        set
        {
            if (value is not null && (value.Length is 0 or > 255 || value[0] == 0))
            {
                throw new ArgumentException("A routing id is 1 to 255 bytes and must not start with a zero byte.", nameof(value));
            }

            _routingId = value;
        }
    }

    private byte[]? _routingId;

    /// <summary>RECONNECT_IVL: the wait before reconnecting a dropped or failed connection. Default 100 ms;
    /// a negative value disables reconnection.</summary>
    public TimeSpan ReconnectInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>RECONNECT_IVL_MAX: when greater than <see cref="ReconnectInterval"/>, successive waits
    /// double up to this cap. Default zero (no backoff: the interval plus random jitter).</summary>
    public TimeSpan ReconnectIntervalMax { get; set; } = TimeSpan.Zero;

    /// <summary>MAXMSGSIZE: the largest inbound frame accepted, in bytes; a peer sending a larger one is
    /// disconnected before any buffer is allocated for it. -1 (default) means unlimited.</summary>
    public long MaxMessageSize { get; set; } = -1;

    /// <summary>The most frames one inbound message may have; a peer sending more is disconnected. Default
    /// 4096; -1 means unlimited. (Not a libzmq option: every frame costs a slot however short it is, so an
    /// unbounded count would let a peer grow one message by far more than it sends.)</summary>
    public int MaxFramesPerMessage { get; set; } = 4096;

    /// <summary>The most properties a peer's handshake metadata may carry; a peer sending more is refused.
    /// Default 64 (libzmq sends two or three); -1 means unlimited.</summary>
    public int MaxMetadataProperties { get; set; } = 64;

    /// <summary>The most distinct subscriptions one subscriber may hold on a PUB or XPUB; a peer subscribing
    /// to more is disconnected. Default 10,000; -1 means unlimited.</summary>
    public int MaxSubscriptionsPerPeer { get; set; } = 10_000;

    /// <summary>The most octets of subscription prefixes one subscriber may hold on a PUB or XPUB (also the
    /// largest command accepted after the handshake, at least 64 KiB); a peer subscribing beyond it is
    /// disconnected. Default 1 MiB; -1 means unlimited.</summary>
    public long MaxSubscriptionBytesPerPeer { get; set; } = 1024 * 1024;

    /// <summary>SNDTIMEO: how long a send may wait; <see cref="TimeoutException"/> after it.
    /// Default <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public TimeSpan SendTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>RCVTIMEO: how long a receive may wait; <see cref="TimeoutException"/> after it.
    /// Default <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public TimeSpan ReceiveTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>HANDSHAKE_IVL: the time a new connection has to complete the ZMTP handshake. Default 30 s;
    /// zero disables the limit.</summary>
    public TimeSpan HandshakeInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>BACKLOG: the listen queue length for bound endpoints. Default 100.</summary>
    public int Backlog { get; set; } = 100;

    /// <summary>IPV6: when true, binding <c>tcp://*</c> listens on IPv6 and IPv4 (dual stack). Default false.</summary>
    public bool Ipv6 { get; set; }

    /// <summary>IMMEDIATE: when true, messages are queued only to peers whose connection is complete, so a
    /// dead connected endpoint never holds messages. Default false.</summary>
    public bool Immediate { get; set; }

    /// <summary>ROUTER_MANDATORY: a ROUTER fails a send to an unknown peer (<see cref="ZmtpException"/> with
    /// <see cref="ZmtpError.HostUnreachable"/>) and waits for a full one, instead of dropping. Default false.</summary>
    public bool RouterMandatory { get; set; }

    /// <summary>ROUTER_HANDOVER: a new connection announcing a routing id in use takes it over, and the old
    /// peer is disconnected. Default false (the new connection is ignored).</summary>
    public bool RouterHandover { get; set; }

    /// <summary>PROBE_ROUTER: on each new connection a REQ, DEALER or ROUTER first sends one empty message, so
    /// a ROUTER peer learns its routing id at once. Default false.</summary>
    public bool ProbeRouter { get; set; }

    /// <summary>CONNECT_ROUTING_ID: the routing id a ROUTER gives the peer of its next <c>Connect</c>
    /// (consumed by that call). Null for none.</summary>
    public byte[]? ConnectRoutingId { get; set; }

    /// <summary>REQ_CORRELATE: a REQ prefixes each request with a request id and accepts only the reply
    /// carrying it. Default false.</summary>
    public bool RequestCorrelate { get; set; }

    /// <summary>REQ_RELAXED: a REQ may send a new request before the reply to the last one; the pending
    /// request is abandoned (its late reply is discarded when <see cref="RequestCorrelate"/> is set).
    /// Default false.</summary>
    public bool RequestRelaxed { get; set; }

    /// <summary>XPUB_VERBOSE: an XPUB reports every subscribe, duplicates included. Default false.</summary>
    public bool XPubVerbose { get; set; }

    /// <summary>XPUB_VERBOSER: an XPUB reports every subscribe and every unsubscribe. Default false.</summary>
    public bool XPubVerboser { get; set; }

    /// <summary>XPUB_NODROP: a PUB or XPUB waits (or fails with <see cref="TimeoutException"/> after
    /// SNDTIMEO) when a matching subscriber is full, instead of dropping. Default false.</summary>
    public bool XPubNoDrop { get; set; }

    /// <summary>XPUB_MANUAL: an XPUB does not apply its subscribers' subscriptions itself; the application
    /// applies them with <see cref="XPubSocket.Subscribe(ReadOnlySpan{byte})"/> for the peer whose
    /// subscription it received last. Default false.</summary>
    public bool XPubManual { get; set; }

    /// <summary>XPUB_WELCOME_MSG: a message an XPUB sends each new subscriber when it connects. Null for none.</summary>
    public byte[]? XPubWelcomeMessage { get; set; }

    /// <summary>ONLY_FIRST_SUBSCRIBE: a PUB or XPUB treats only the first frame of a message from a
    /// subscriber as a possible subscription. Default false.</summary>
    public bool OnlyFirstSubscribe { get; set; }

    /// <summary>INVERT_MATCHING: a PUB, XPUB or SUB delivers the messages that match no subscription.
    /// Default false.</summary>
    public bool InvertMatching { get; set; }

    /// <summary>CONFLATE: keep only the newest message in each queue (single-part messages only), for
    /// PUB, SUB, PUSH, PULL and DEALER. Default false. Set it before binding or connecting.</summary>
    public bool Conflate { get; set; }

    /// <summary>HEARTBEAT_IVL: the interval between PINGs on each connection; zero disables. Default zero.</summary>
    public TimeSpan HeartbeatInterval { get; set; }

    /// <summary>HEARTBEAT_TTL: the time-to-live announced in PINGs (rounded down to tenths of a second).
    /// Default zero.</summary>
    public TimeSpan HeartbeatTtl { get; set; }

    /// <summary>HEARTBEAT_TIMEOUT: how long to wait for any traffic after a PING before closing the
    /// connection. Default <see cref="Timeout.InfiniteTimeSpan"/>, meaning <see cref="HeartbeatInterval"/>.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>SNDBUF: the kernel send buffer size in bytes; -1 (default) leaves the OS default.</summary>
    public int SendBufferSize { get; set; } = -1;

    /// <summary>RCVBUF: the kernel receive buffer size in bytes; -1 (default) leaves the OS default.</summary>
    public int ReceiveBufferSize { get; set; } = -1;

    /// <summary>CONNECT_TIMEOUT: how long one TCP connect attempt may take; zero (default) leaves it to the OS.</summary>
    public TimeSpan ConnectTimeout { get; set; }

    /// <summary>TCP_KEEPALIVE: -1 (default) leaves the OS setting, 0 turns keepalive off, 1 on.</summary>
    public int TcpKeepAlive { get; set; } = -1;

    /// <summary>TCP_KEEPALIVE_CNT: probes before dropping the connection; -1 (default) leaves the OS setting.</summary>
    public int TcpKeepAliveCount { get; set; } = -1;

    /// <summary>TCP_KEEPALIVE_IDLE: idle seconds before the first probe; -1 (default) leaves the OS setting.</summary>
    public int TcpKeepAliveIdle { get; set; } = -1;

    /// <summary>TCP_KEEPALIVE_INTVL: seconds between probes; -1 (default) leaves the OS setting.</summary>
    public int TcpKeepAliveInterval { get; set; } = -1;

    /// <summary>TOS: the IP type-of-service byte; 0 (default) leaves the OS setting.</summary>
    public int TypeOfService { get; set; }

    private static int NotNegative(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return value;
    }
}
