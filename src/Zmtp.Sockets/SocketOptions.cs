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

    private static int NotNegative(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return value;
    }
}
