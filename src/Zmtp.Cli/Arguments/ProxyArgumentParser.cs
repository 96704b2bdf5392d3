namespace Zmtp.Cli.Arguments;

/// <summary>
/// Parses <c>zmtp proxy FRONT_TYPE FRONT_ENDPOINT... BACK_TYPE BACK_ENDPOINT...</c>: each side is a socket
/// type followed by its endpoints (comma lists or separate arguments, bare = connect); the first argument
/// after the frontend's endpoints that is not an endpoint is the backend's type.
/// </summary>
internal static class ProxyArgumentParser
{
    /// <summary>Parses the arguments after <c>proxy</c>.</summary>
    /// <exception cref="UsageException">A type or endpoint is missing or invalid, or the types cannot relay.</exception>
    public static CliOptions Parse(string[] args)
    {
        var tokens = TokenList.Split(args, [], "proxy");
        if (tokens.Help)
        {
            return new CliOptions { Command = CommandKind.Help };
        }

        var positionals = tokens.Positionals.Select(p => p.Text).ToList();
        var next = 0;
        var (frontType, frontEndpoints) = ParseSide(positionals, ref next, "frontend");
        var (backType, backEndpoints) = ParseSide(positionals, ref next, "backend");
        if (next < positionals.Count)
        {
            throw new UsageException($"proxy: unexpected argument '{positionals[next]}' (expected FRONT_TYPE FRONT_ENDPOINT BACK_TYPE BACK_ENDPOINT)");
        }

        // The same rule as zmq_proxy: at least one direction must go from a socket that can receive to one
        // that can send, or there is nothing to relay.
        if (!(CanReceive(frontType) && CanSend(backType)) && !(CanReceive(backType) && CanSend(frontType)))
        {
            throw new UsageException($"proxy: a {SocketTypeNames.Name(frontType)} frontend and a {SocketTypeNames.Name(backType)} backend cannot relay in either direction");
        }

        return new CliOptions
        {
            Command = CommandKind.Proxy,
            SocketType = frontType,
            Endpoints = frontEndpoints,
            BackendType = backType,
            BackendEndpoints = backEndpoints,
        };
    }

    private static (ZmtpSocketType Type, List<EndpointSpec> Endpoints) ParseSide(List<string> positionals, ref int next, string side)
    {
        if (next >= positionals.Count)
        {
            throw new UsageException($"proxy: missing {side} TYPE (expected FRONT_TYPE FRONT_ENDPOINT BACK_TYPE BACK_ENDPOINT)");
        }

        var type = SocketTypeNames.Parse(positionals[next++]);
        var endpoints = new List<EndpointSpec>();
        while (next < positionals.Count && EndpointListParser.LooksLikeEndpoint(positionals[next]))
        {
            endpoints.AddRange(EndpointListParser.Parse(positionals[next++], defaultBind: false));
        }

        if (endpoints.Count == 0)
        {
            throw new UsageException($"proxy: missing {side} ENDPOINT after {SocketTypeNames.Name(type)} (e.g. @tcp://*:5559)");
        }

        return (type, endpoints);
    }

    private static bool CanReceive(ZmtpSocketType type) => type is not (ZmtpSocketType.Pub or ZmtpSocketType.Push);

    private static bool CanSend(ZmtpSocketType type) => type is not (ZmtpSocketType.Sub or ZmtpSocketType.Pull);
}
