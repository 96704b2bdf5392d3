using System.Globalization;
using System.Text;

namespace Zmtp;

/// <summary>
/// The socket options under libzmq's names (without the <c>ZMQ_</c> prefix, case-insensitive), with values
/// as text the way a command line gives them: integers in milliseconds for times (-1 for infinite), 0/1 for
/// switches, and byte strings as UTF-8 text or <c>0x</c> followed by hex.
/// </summary>
internal static class SocketOptionNames
{
    private static readonly Dictionary<string, Accessor> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SNDHWM"] = Int(o => o.SendHighWatermark, (o, v) => o.SendHighWatermark = v),
        ["RCVHWM"] = Int(o => o.ReceiveHighWatermark, (o, v) => o.ReceiveHighWatermark = v),
        ["LINGER"] = Time(o => o.Linger, (o, v) => o.Linger = v),
        ["ROUTING_ID"] = Bytes(o => o.RoutingId, (o, v) => o.RoutingId = v),
        ["IDENTITY"] = Bytes(o => o.RoutingId, (o, v) => o.RoutingId = v),
        ["CONNECT_ROUTING_ID"] = Bytes(o => o.ConnectRoutingId, (o, v) => o.ConnectRoutingId = v),
        ["RECONNECT_IVL"] = Time(o => o.ReconnectInterval, (o, v) => o.ReconnectInterval = v),
        ["RECONNECT_IVL_MAX"] = Time(o => o.ReconnectIntervalMax, (o, v) => o.ReconnectIntervalMax = v),
        ["MAXMSGSIZE"] = new(o => o.MaxMessageSize.ToString(CultureInfo.InvariantCulture), (o, v) => o.MaxMessageSize = ParseLong(v)),
        ["SNDTIMEO"] = Time(o => o.SendTimeout, (o, v) => o.SendTimeout = v),
        ["RCVTIMEO"] = Time(o => o.ReceiveTimeout, (o, v) => o.ReceiveTimeout = v),
        ["HANDSHAKE_IVL"] = Time(o => o.HandshakeInterval, (o, v) => o.HandshakeInterval = v),
        ["BACKLOG"] = Int(o => o.Backlog, (o, v) => o.Backlog = v),
        ["IPV6"] = Switch(o => o.Ipv6, (o, v) => o.Ipv6 = v),
        ["IMMEDIATE"] = Switch(o => o.Immediate, (o, v) => o.Immediate = v),
        ["ROUTER_MANDATORY"] = Switch(o => o.RouterMandatory, (o, v) => o.RouterMandatory = v),
        ["ROUTER_HANDOVER"] = Switch(o => o.RouterHandover, (o, v) => o.RouterHandover = v),
        ["PROBE_ROUTER"] = Switch(o => o.ProbeRouter, (o, v) => o.ProbeRouter = v),
        ["REQ_CORRELATE"] = Switch(o => o.RequestCorrelate, (o, v) => o.RequestCorrelate = v),
        ["REQ_RELAXED"] = Switch(o => o.RequestRelaxed, (o, v) => o.RequestRelaxed = v),
        ["XPUB_VERBOSE"] = Switch(o => o.XPubVerbose, (o, v) => o.XPubVerbose = v),
        ["XPUB_VERBOSER"] = Switch(o => o.XPubVerboser, (o, v) => o.XPubVerboser = v),
        ["XPUB_NODROP"] = Switch(o => o.XPubNoDrop, (o, v) => o.XPubNoDrop = v),
        ["XPUB_MANUAL"] = Switch(o => o.XPubManual, (o, v) => o.XPubManual = v),
        ["XPUB_WELCOME_MSG"] = Bytes(o => o.XPubWelcomeMessage, (o, v) => o.XPubWelcomeMessage = v),
        ["ONLY_FIRST_SUBSCRIBE"] = Switch(o => o.OnlyFirstSubscribe, (o, v) => o.OnlyFirstSubscribe = v),
        ["INVERT_MATCHING"] = Switch(o => o.InvertMatching, (o, v) => o.InvertMatching = v),
        ["CONFLATE"] = Switch(o => o.Conflate, (o, v) => o.Conflate = v),
        ["HEARTBEAT_IVL"] = Time(o => o.HeartbeatInterval, (o, v) => o.HeartbeatInterval = v),
        ["HEARTBEAT_TTL"] = Time(o => o.HeartbeatTtl, (o, v) => o.HeartbeatTtl = v),
        ["HEARTBEAT_TIMEOUT"] = Time(o => o.HeartbeatTimeout, (o, v) => o.HeartbeatTimeout = v),
        ["SNDBUF"] = Int(o => o.SendBufferSize, (o, v) => o.SendBufferSize = v, allowNegativeOne: true),
        ["RCVBUF"] = Int(o => o.ReceiveBufferSize, (o, v) => o.ReceiveBufferSize = v, allowNegativeOne: true),
        ["CONNECT_TIMEOUT"] = Time(o => o.ConnectTimeout, (o, v) => o.ConnectTimeout = v),
        ["TCP_KEEPALIVE"] = Int(o => o.TcpKeepAlive, (o, v) => o.TcpKeepAlive = v is >= -1 and <= 1 ? v : throw new ArgumentException("Expected -1, 0 or 1."), allowNegativeOne: true),
        ["TCP_KEEPALIVE_CNT"] = Int(o => o.TcpKeepAliveCount, (o, v) => o.TcpKeepAliveCount = v, allowNegativeOne: true),
        ["TCP_KEEPALIVE_IDLE"] = Int(o => o.TcpKeepAliveIdle, (o, v) => o.TcpKeepAliveIdle = v, allowNegativeOne: true),
        ["TCP_KEEPALIVE_INTVL"] = Int(o => o.TcpKeepAliveInterval, (o, v) => o.TcpKeepAliveInterval = v, allowNegativeOne: true),
        ["TOS"] = Int(o => o.TypeOfService, (o, v) => o.TypeOfService = v),

        // Zmtp's own limits on what one peer can make us hold (libzmq has none of these).
        ["MAX_FRAMES"] = Int(o => o.MaxFramesPerMessage, (o, v) => o.MaxFramesPerMessage = v, allowNegativeOne: true),
        ["MAX_METADATA_PROPERTIES"] = Int(o => o.MaxMetadataProperties, (o, v) => o.MaxMetadataProperties = v, allowNegativeOne: true),
        ["MAX_SUBSCRIPTIONS"] = Int(o => o.MaxSubscriptionsPerPeer, (o, v) => o.MaxSubscriptionsPerPeer = v, allowNegativeOne: true),
        ["MAX_SUBSCRIPTION_BYTES"] = new(o => o.MaxSubscriptionBytesPerPeer.ToString(CultureInfo.InvariantCulture), (o, v) => o.MaxSubscriptionBytesPerPeer = ParseLong(v)),
    };

    /// <summary>Every name accepted by <see cref="Set"/> and <see cref="TryGet"/>.</summary>
    public static IReadOnlyCollection<string> Names => Table.Keys;

    public static bool TryGet(SocketOptions options, string name, out string value)
    {
        if (Table.TryGetValue(name, out var accessor))
        {
            value = accessor.Get(options);
            return true;
        }

        value = string.Empty;
        return false;
    }

    public static bool Set(SocketOptions options, string name, string value)
    {
        if (!Table.TryGetValue(name, out var accessor))
        {
            return false;
        }

        try
        {
            accessor.Set(options, value);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            throw new ArgumentException($"Invalid value '{value}' for option {name.ToUpperInvariant()}: {ex.Message}", nameof(value), ex);
        }

        return true;
    }

    private static Accessor Int(Func<SocketOptions, int> get, Action<SocketOptions, int> set, bool allowNegativeOne = false) =>
        new(o => get(o).ToString(CultureInfo.InvariantCulture), (o, v) =>
        {
            var parsed = int.Parse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            if (parsed < 0 && !(allowNegativeOne && parsed == -1))
            {
                throw new ArgumentException("The value must not be negative.");
            }

            set(o, parsed);
        });

    private static Accessor Switch(Func<SocketOptions, bool> get, Action<SocketOptions, bool> set) =>
        new(o => get(o) ? "1" : "0", (o, v) => set(o, v switch
        {
            "0" => false,
            "1" => true,
            _ => throw new FormatException("Expected 0 or 1."),
        }));

    /// <summary>Milliseconds; -1 is infinite, as in libzmq.</summary>
    private static Accessor Time(Func<SocketOptions, TimeSpan> get, Action<SocketOptions, TimeSpan> set) =>
        new(o =>
        {
            var value = get(o);
            return value == Timeout.InfiniteTimeSpan ? "-1" : ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        }, (o, v) =>
        {
            // libzmq's times are 32-bit milliseconds.
            var ms = ParseLong(v);
            if (ms < -1 || ms > int.MaxValue)
            {
                throw new ArgumentException($"Expected milliseconds up to {int.MaxValue}, or -1 for infinite.");
            }

            set(o, ms == -1 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(ms));
        });

    private static Accessor Bytes(Func<SocketOptions, byte[]?> get, Action<SocketOptions, byte[]?> set) =>
        new(o => get(o) is { } bytes ? Encoding.UTF8.GetString(bytes) : string.Empty, (o, v) =>
            set(o, v.Length == 0 ? null : v.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? Convert.FromHexString(v.AsSpan(2)) : Encoding.UTF8.GetBytes(v)));

    private static long ParseLong(string value) => long.Parse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private sealed record Accessor(Func<SocketOptions, string> Get, Action<SocketOptions, string> Set);
}
