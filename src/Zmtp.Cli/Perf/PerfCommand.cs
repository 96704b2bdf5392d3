using System.Diagnostics;
using Zmtp.Cli.Arguments;
using Zmtp.Cli.Commands;
using Zmtp.Cli.Output;

namespace Zmtp.Cli.Perf;

/// <summary><c>zmtp perf ROLE ENDPOINT COUNT SIZE</c>: dispatches to a role and holds what they share.</summary>
internal static class PerfCommand
{
    /// <summary>Long enough that a sender's queued messages all get through before dispose gives up.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(CliOptions options, CliContext context)
    {
        try
        {
            return options.PerfRole switch
            {
                PerfRole.ThroughputReceiver => await ThroughputRoles.ReceiveAsync(options, context, ZmtpSocketType.Pull, "thr-recv").ConfigureAwait(false),
                PerfRole.ThroughputSender => await ThroughputRoles.SendAsync(options, context, ZmtpSocketType.Push).ConfigureAwait(false),
                PerfRole.RouterReceiver => await ThroughputRoles.ReceiveAsync(options, context, ZmtpSocketType.Router, "router-recv").ConfigureAwait(false),
                PerfRole.DealerSender => await ThroughputRoles.SendAsync(options, context, ZmtpSocketType.Dealer).ConfigureAwait(false),
                PerfRole.LatencyServer => await LatencyRoles.ServeAsync(options, context).ConfigureAwait(false),
                PerfRole.LatencyClient => await LatencyRoles.MeasureAsync(options, context, "lat-client").ConfigureAwait(false),
                PerfRole.PubSubSender => await PubSubRoles.PublishAsync(options, context).ConfigureAwait(false),
                PerfRole.InprocThroughput => await InprocRoles.ThroughputAsync(options, context).ConfigureAwait(false),
                PerfRole.InprocLatency => await InprocRoles.LatencyAsync(options, context).ConfigureAwait(false),
                _ => await PubSubRoles.SubscribeAsync(options, context).ConfigureAwait(false),
            };
        }
        catch (OperationCanceledException) when (context.Interrupt.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>
    /// Opens the role's socket with the perf linger and prints READY (flushed) if it listens where another
    /// process can reach it (an inproc role's ends are both in this process: nobody waits for READY).
    /// </summary>
    public static ZmtpSocket Open(ZmtpSocketType type, CliOptions options, CliContext context, Action<ZmtpSocket>? configure = null)
    {
        var socket = SocketOpener.Open(type, options.Endpoints, context, s =>
        {
            s.Options.Linger = Linger;
            configure?.Invoke(s);
        });
        if (options.Endpoints.Any(e => e.Bind && !e.Address.StartsWith("inproc://", StringComparison.Ordinal)))
        {
            context.Stdout.WriteLine("READY");
        }

        return socket;
    }

    /// <summary>A watchdog for --timeout (null when not given): ends a role that stops making progress.</summary>
    public static IdleWatchdog? Watchdog(CliOptions options, CliContext context) =>
        options.TimeoutMs is { } ms ? new IdleWatchdog(TimeSpan.FromMilliseconds(ms), context.Interrupt) : null;

    /// <summary>Writes the throughput JSON line of thr-recv and pubsub-recv.</summary>
    public static void WriteThroughput(CliContext context, string role, long count, int size, long startTimestamp, long endTimestamp)
    {
        var seconds = Stopwatch.GetElapsedTime(startTimestamp, endTimestamp).TotalSeconds;
        var perSecond = seconds > 0 ? count / seconds : 0;
        context.Stdout.WriteLine(new JsonLine()
            .Add("role", role)
            .Add("count", count)
            .Add("size", size)
            .Add("seconds", seconds)
            .Add("msgs_per_sec", perSecond)
            .Add("mb_per_sec", perSecond * size / 1e6)
            .Add("gc0", GC.CollectionCount(0))
            .Add("gc1", GC.CollectionCount(1))
            .Add("gc2", GC.CollectionCount(2))
            .Add("allocated_bytes", GC.GetTotalAllocatedBytes())
            .ToString());
    }

    /// <summary>This process's collections per generation and bytes allocated so far, for diagnostics.</summary>
    public static string GcSummary() =>
        $"GCs gen0/gen1/gen2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, {GC.GetTotalAllocatedBytes()} B allocated";
}
