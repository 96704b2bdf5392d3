using Zmtp.Cli.Arguments;

namespace Zmtp.Cli.Perf;

/// <summary>
/// Parses <c>zmtp perf ROLE ENDPOINT COUNT SIZE [--timeout MS] [--subscribers N]</c>, and
/// <c>zmtp perf inproc-thr|inproc-lat COUNT SIZE</c> whose two ends both live in this process.
/// </summary>
internal static class PerfArgumentParser
{
    private const string Roles =
        "thr-recv, thr-send, lat-server, lat-client, pubsub-send, pubsub-recv, router-recv, dealer-send, inproc-thr or inproc-lat";

    /// <summary>Parses the arguments after <c>perf</c>.</summary>
    /// <exception cref="UsageException">The arguments are not a valid perf command line.</exception>
    public static CliOptions Parse(string[] args)
    {
        var tokens = TokenList.Split(args, ["--timeout", "--subscribers"], "perf");
        if (tokens.Help)
        {
            return new CliOptions { Command = CommandKind.Help };
        }

        var positionals = tokens.Positionals;
        if (positionals.Count == 0)
        {
            throw new UsageException($"perf: missing ROLE ({Roles})");
        }

        var name = positionals[0].Text;
        var role = name switch
        {
            "thr-recv" => PerfRole.ThroughputReceiver,
            "thr-send" => PerfRole.ThroughputSender,
            "lat-server" => PerfRole.LatencyServer,
            "lat-client" => PerfRole.LatencyClient,
            "pubsub-send" => PerfRole.PubSubSender,
            "pubsub-recv" => PerfRole.PubSubReceiver,
            "router-recv" => PerfRole.RouterReceiver,
            "dealer-send" => PerfRole.DealerSender,
            "inproc-thr" => PerfRole.InprocThroughput,
            "inproc-lat" => PerfRole.InprocLatency,
            _ => throw new UsageException($"perf: unknown role '{name}' (expected {Roles})"),
        };

        var subscribers = tokens.Int("--subscribers", min: 1);
        if (subscribers is not null && role != PerfRole.PubSubSender)
        {
            throw new UsageException($"perf {name}: --subscribers applies to pubsub-send only");
        }

        // The inproc roles have no ENDPOINT: both ends are in this process.
        var inproc = role is PerfRole.InprocThroughput or PerfRole.InprocLatency;
        var expected = inproc ? 3 : 4;
        if (positionals.Count != expected)
        {
            var what = inproc ? "COUNT SIZE" : "ENDPOINT COUNT SIZE";
            throw new UsageException($"perf {name}: expected {what}, got {positionals.Count - 1} argument(s)");
        }

        IReadOnlyList<EndpointSpec> endpoints = [];
        if (!inproc)
        {
            if (!EndpointListParser.LooksLikeEndpoint(positionals[1].Text))
            {
                throw new UsageException($"perf: invalid endpoint '{positionals[1].Text}' (expected e.g. tcp://127.0.0.1:5555)");
            }

            // The receiving/serving roles bind by default and the others connect, like libzmq's
            // local_*/remote_* programs; an explicit @ or > prefix overrides.
            var defaultBind = role is PerfRole.ThroughputReceiver or PerfRole.LatencyServer or PerfRole.PubSubSender
                or PerfRole.RouterReceiver;
            endpoints = EndpointListParser.Parse(positionals[1].Text, defaultBind);
        }

        // An empty message ends a PUB/SUB run, so those payloads need at least one byte.
        var minSize = role is PerfRole.PubSubSender or PerfRole.PubSubReceiver ? 1 : 0;
        return new CliOptions
        {
            Command = CommandKind.Perf,
            PerfRole = role,
            Endpoints = endpoints,
            PerfCount = ArgumentParser.ParseInt(positionals[expected - 2].Text, "COUNT", min: 1),
            PerfSize = ArgumentParser.ParseInt(positionals[expected - 1].Text, "SIZE", min: minSize),
            PerfSubscribers = subscribers ?? 1,
            TimeoutMs = tokens.Int("--timeout", min: 0),
        };
    }
}
