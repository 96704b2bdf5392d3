namespace Zmtp.Protocol;

/// <summary>Socket-Type names on the wire and the compatibility table of RFC 23/37.</summary>
public static class ZmtpSocketTypes
{
    /// <summary>The wire name of a socket type ("REQ", "DEALER", ...).</summary>
    /// <param name="type">The socket type.</param>
    /// <returns>The upper-case name.</returns>
    public static string GetName(ZmtpSocketType type) => type switch
    {
        ZmtpSocketType.Pair => "PAIR",
        ZmtpSocketType.Pub => "PUB",
        ZmtpSocketType.Sub => "SUB",
        ZmtpSocketType.Req => "REQ",
        ZmtpSocketType.Rep => "REP",
        ZmtpSocketType.Dealer => "DEALER",
        ZmtpSocketType.Router => "ROUTER",
        ZmtpSocketType.Pull => "PULL",
        ZmtpSocketType.Push => "PUSH",
        ZmtpSocketType.XPub => "XPUB",
        ZmtpSocketType.XSub => "XSUB",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown socket type."),
    };

    /// <summary>Parses a wire name; exact case, as libzmq compares it.</summary>
    /// <param name="name">The Socket-Type property value.</param>
    /// <param name="type">The parsed type.</param>
    /// <returns>False for names this library does not know (including draft types).</returns>
    public static bool TryParse(ReadOnlySpan<byte> name, out ZmtpSocketType type)
    {
        for (var candidate = ZmtpSocketType.Pair; candidate <= ZmtpSocketType.XSub; candidate++)
        {
            if (Matches(name, GetName(candidate)))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>Whether a socket of type <paramref name="local"/> accepts a peer of type <paramref name="peer"/>.</summary>
    /// <param name="local">Our socket type.</param>
    /// <param name="peer">The peer's announced type.</param>
    /// <returns>True when the pair is valid (RFC 23 / libzmq table).</returns>
    public static bool IsCompatible(ZmtpSocketType local, ZmtpSocketType peer) => local switch
    {
        ZmtpSocketType.Req => peer is ZmtpSocketType.Rep or ZmtpSocketType.Router,
        ZmtpSocketType.Rep => peer is ZmtpSocketType.Req or ZmtpSocketType.Dealer,
        ZmtpSocketType.Dealer => peer is ZmtpSocketType.Rep or ZmtpSocketType.Dealer or ZmtpSocketType.Router,
        ZmtpSocketType.Router => peer is ZmtpSocketType.Req or ZmtpSocketType.Dealer or ZmtpSocketType.Router,
        ZmtpSocketType.Pub or ZmtpSocketType.XPub => peer is ZmtpSocketType.Sub or ZmtpSocketType.XSub,
        ZmtpSocketType.Sub or ZmtpSocketType.XSub => peer is ZmtpSocketType.Pub or ZmtpSocketType.XPub,
        ZmtpSocketType.Push => peer is ZmtpSocketType.Pull,
        ZmtpSocketType.Pull => peer is ZmtpSocketType.Push,
        ZmtpSocketType.Pair => peer is ZmtpSocketType.Pair,
        _ => false,
    };

    /// <summary>Whether libzmq sends an Identity property for this type (REQ, DEALER, ROUTER).</summary>
    /// <param name="type">Our socket type.</param>
    /// <returns>True when READY carries Identity.</returns>
    public static bool SendsIdentity(ZmtpSocketType type) =>
        type is ZmtpSocketType.Req or ZmtpSocketType.Dealer or ZmtpSocketType.Router;

    private static bool Matches(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length != name.Length)
        {
            return false;
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != name[i])
            {
                return false;
            }
        }

        return true;
    }
}
