namespace Zmtp.Fuzz;

/// <summary>Every fuzz target, by name.</summary>
public static class FuzzTargets
{
    /// <summary>The targets, in the order <c>fuzz/run.sh all</c> runs them.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("greeting", "ZmtpGreeting.TryParse: whole, segmented and incremental agree; Write round trip", false, GreetingTarget.Run),
        new("command", "ZmtpCommandReader on a command body (PING, ERROR, SUBSCRIBE/CANCEL, READY); writer round trip", false, CommandTarget.Run),
        new("metadata", "ZmtpMetadata.Read: segmentations agree; Write round trip", false, MetadataTarget.Run),
        new("session", "bytes after a good greeting+READY into a ZmtpSession; at once = in chunks; a good peer is still served", true, SessionTarget.Run),
        new("handshake", "the whole peer stream from its first octet into a ZmtpSession; at once = in chunks; a good peer is still served", true, HandshakeTarget.Run),
        new("endpoint", "ZmtpEndpoint.TryParse/Parse on UTF-8 text; canonical text round trip", false, EndpointTarget.Run),
        new("options", "NAME=VALUE lines through ZmtpSocket.SetOption/GetOption on SUB, XPUB, ROUTER, PULL", false, OptionsTarget.Run),
        new("socket", "raw bytes over tcp to a bound PullSocket; it closes the connection; a good PushSocket still delivers", true, SocketTarget.Run),
    ];

    /// <summary>Finds a target by name (case-insensitive).</summary>
    /// <param name="name">The target name.</param>
    /// <returns>The target, or null.</returns>
    public static FuzzTarget? Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}
