namespace Zmtp.Cli.Arguments;

/// <summary>Maps the TYPE argument (case-insensitive) to a socket type and back.</summary>
internal static class SocketTypeNames
{
    /// <summary>Parses a socket type name such as <c>req</c> or <c>XPUB</c>.</summary>
    /// <exception cref="UsageException">The name is not a socket type.</exception>
    public static ZmtpSocketType Parse(string name) =>
        name.ToUpperInvariant() switch
        {
            "PAIR" => ZmtpSocketType.Pair,
            "PUB" => ZmtpSocketType.Pub,
            "SUB" => ZmtpSocketType.Sub,
            "REQ" => ZmtpSocketType.Req,
            "REP" => ZmtpSocketType.Rep,
            "DEALER" => ZmtpSocketType.Dealer,
            "ROUTER" => ZmtpSocketType.Router,
            "PULL" => ZmtpSocketType.Pull,
            "PUSH" => ZmtpSocketType.Push,
            "XPUB" => ZmtpSocketType.XPub,
            "XSUB" => ZmtpSocketType.XSub,
            _ => throw new UsageException($"unknown socket type '{name}'"),
        };

    /// <summary>The conventional upper-case name, e.g. <c>XPUB</c>.</summary>
    public static string Name(ZmtpSocketType type) =>
        type switch
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
            _ => ((int)type).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
}
