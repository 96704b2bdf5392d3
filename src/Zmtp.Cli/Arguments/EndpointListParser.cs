namespace Zmtp.Cli.Arguments;

/// <summary>
/// Parses ENDPOINT arguments: <c>@addr</c> binds, <c>&gt;addr</c> connects, a bare address takes the
/// command's default; one argument may hold several endpoints separated by commas, each with its own prefix.
/// </summary>
internal static class EndpointListParser
{
    private static readonly string[] Transports = ["tcp", "ipc", "inproc"];

    /// <summary>True when the argument is an endpoint list: it contains "://" once @/&gt; are stripped.</summary>
    public static bool LooksLikeEndpoint(string argument) =>
        StripPrefix(argument, out _).Contains("://", StringComparison.Ordinal);

    /// <summary>Parses a comma-separated endpoint list.</summary>
    /// <exception cref="UsageException">An item is not <c>transport://address</c> with a known transport.</exception>
    public static List<EndpointSpec> Parse(string argument, bool defaultBind)
    {
        var result = new List<EndpointSpec>();
        foreach (var item in argument.Split(','))
        {
            var address = StripPrefix(item, out var prefix);
            var separator = address.IndexOf("://", StringComparison.Ordinal);
            if (separator < 0)
            {
                throw new UsageException($"invalid endpoint '{item}' in '{argument}' (expected transport://address)");
            }

            var transport = address[..separator];
            if (!Transports.Contains(transport))
            {
                throw new UsageException($"invalid endpoint '{item}': unknown transport '{transport}' (expected tcp, ipc or inproc)");
            }

            if (address.Length == separator + 3)
            {
                throw new UsageException($"invalid endpoint '{item}': missing address after '{transport}://'");
            }

            result.Add(new EndpointSpec(prefix switch { '@' => true, '>' => false, _ => defaultBind }, address));
        }

        return result;
    }

    private static string StripPrefix(string item, out char prefix)
    {
        prefix = item.Length > 0 && item[0] is '@' or '>' ? item[0] : '\0';
        return prefix == '\0' ? item : item[1..];
    }
}
