using System.Globalization;
using NetMQ;

namespace NetMQPerf;

/// <summary>
/// NetMQ side of the comparison runner: <c>NetMQPerf ROLE ENDPOINT COUNT SIZE [--subscribers N]</c> or
/// <c>NetMQPerf inproc-thr|inproc-lat COUNT SIZE</c>, with the roles, READY line and JSON lines of
/// <c>zmtp perf</c>. Exit codes: 0 done, 1 nothing received, 2 bad arguments, 3 bind/connect failure.
/// </summary>
internal static class Program
{
    private const string Usage =
        "usage: NetMQPerf thr-recv|thr-send|lat-server|lat-client|pubsub-send|pubsub-recv|router-recv|dealer-send ENDPOINT COUNT SIZE [--subscribers N]\n" +
        "       NetMQPerf inproc-thr|inproc-lat COUNT SIZE";

    private static readonly string[] BindingRoles = ["thr-recv", "lat-server", "pubsub-send", "router-recv"];

    public static int Main(string[] argv)
    {
        if (!TryParse(argv, out var args, out var problem))
        {
            Console.Error.WriteLine($"NetMQPerf: {problem}\n{Usage}");
            return 2;
        }

        try
        {
            return Run(args);
        }
        catch (NetMQException e)
        {
            Console.Error.WriteLine($"NetMQPerf: {e.Message}");
            return 3;
        }
        finally
        {
            // Waits while sockets linger, so a sender's queue is delivered before the process exits.
            NetMQConfig.Cleanup(block: true);
        }
    }

    private static int Run(PerfArgs args)
    {
        switch (args.Role)
        {
            case "thr-recv": Roles.ThroughputReceive(args); break;
            case "thr-send": Roles.ThroughputSend(args); break;
            case "lat-server": Roles.LatencyServer(args); break;
            case "lat-client": Roles.LatencyClient(args); break;
            case "router-recv": Roles.RouterReceive(args); break;
            case "dealer-send": Roles.DealerSend(args); break;
            case "pubsub-send": Roles.PubSubSend(args); break;
            case "pubsub-recv": return Roles.PubSubReceive(args);
            case "inproc-thr": InprocRoles.Throughput(args); break;
            default: InprocRoles.Latency(args); break;
        }

        return 0;
    }

    private static bool TryParse(string[] argv, out PerfArgs args, out string problem)
    {
        args = null!;
        var positionals = new List<string>();
        var subscribers = 1;
        for (var i = 0; i < argv.Length; i++)
        {
            if (argv[i] == "--subscribers" && i + 1 < argv.Length)
            {
                if (!int.TryParse(argv[++i], NumberStyles.None, CultureInfo.InvariantCulture, out subscribers) || subscribers < 1)
                {
                    problem = "invalid --subscribers";
                    return false;
                }
            }
            else
            {
                positionals.Add(argv[i]);
            }
        }

        if (positionals.Count == 0)
        {
            problem = "missing ROLE";
            return false;
        }

        var role = positionals[0];
        var inproc = role is "inproc-thr" or "inproc-lat";
        if (!inproc && Array.IndexOf([.. BindingRoles, "thr-send", "lat-client", "pubsub-recv", "dealer-send"], role) < 0)
        {
            problem = $"unknown role '{role}'";
            return false;
        }

        if (positionals.Count != (inproc ? 3 : 4))
        {
            problem = "wrong number of arguments";
            return false;
        }

        var address = inproc ? string.Empty : positionals[1];
        var bind = Array.IndexOf(BindingRoles, role) >= 0;
        if (address.StartsWith('@') || address.StartsWith('>'))
        {
            bind = address[0] == '@';
            address = address[1..];
        }

        if (address.StartsWith("ipc://", StringComparison.Ordinal))
        {
            problem = "NetMQ has no ipc transport on Linux (n/a)";
            return false;
        }

        var numbers = inproc ? 1 : 2;
        if (!int.TryParse(positionals[numbers], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1
            || !int.TryParse(positionals[numbers + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            problem = "invalid COUNT or SIZE";
            return false;
        }

        args = new PerfArgs(role, address, bind, count, size, subscribers);
        problem = string.Empty;
        return true;
    }
}
