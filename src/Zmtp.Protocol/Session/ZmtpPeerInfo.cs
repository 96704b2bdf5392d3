namespace Zmtp.Protocol;

/// <summary>What the peer announced during the handshake.</summary>
public sealed class ZmtpPeerInfo
{
    internal ZmtpPeerInfo(
        int majorVersion,
        int minorVersion,
        ZmtpSocketType? socketType,
        ReadOnlyMemory<byte> identity,
        IReadOnlyDictionary<string, byte[]> properties)
    {
        MajorVersion = majorVersion;
        MinorVersion = minorVersion;
        SocketType = socketType;
        Identity = identity;
        Properties = properties;
    }

    /// <summary>The major version from the peer's greeting.</summary>
    public int MajorVersion { get; }

    /// <summary>The minor version from the peer's greeting (3.2, 4.0 and so on get ZMTP 3.1 semantics).</summary>
    public int MinorVersion { get; }

    /// <summary>
    /// True when subscriptions go to this peer as SUBSCRIBE/CANCEL commands (ZMTP 3.1 or later); false for a
    /// ZMTP 3.0 peer, which gets the <c>01</c>/<c>00</c>-prefixed message form.
    /// </summary>
    public bool UsesSubscriptionCommands => MajorVersion > 3 || MinorVersion >= 1;

    /// <summary>The peer's Socket-Type, or null when its READY did not carry one.</summary>
    public ZmtpSocketType? SocketType { get; }

    /// <summary>The peer's Identity property; empty when absent or empty.</summary>
    public ReadOnlyMemory<byte> Identity { get; }

    /// <summary>Every property of the peer's READY, with case-insensitive names.</summary>
    public IReadOnlyDictionary<string, byte[]> Properties { get; }
}
