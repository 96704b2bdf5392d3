using System.Diagnostics;
using Zmtp.Cli.Arguments;
using Zmtp.Cli.Commands;
using Zmtp.Cli.Output;

namespace Zmtp.Cli.Perf;

/// <summary>lat-server (REP, binds, echoes) and lat-client (REQ, connects, times), like local_lat/remote_lat.</summary>
internal static class LatencyRoles
{
    public static async Task<int> ServeAsync(CliOptions options, CliContext context)
    {
        var socket = PerfCommand.Open(ZmtpSocketType.Rep, options, context);
        await using (socket.ConfigureAwait(false))
        {
            using var watchdog = PerfCommand.Watchdog(options, context);
            var token = watchdog?.Token ?? context.Interrupt;
            var served = 0;
            try
            {
                for (; served < options.PerfCount; served++)
                {
                    // The request goes back as the reply; the socket holds it until written, so our hold can
                    // be released at once and the buffers return to the pool.
                    using var request = await socket.ReceiveAsync(token).ConfigureAwait(false);
                    await socket.SendAsync(request, token).ConfigureAwait(false);
                    if (watchdog is not null)
                    {
                        watchdog.Progress = served + 1;
                    }
                }
            }
            catch (OperationCanceledException) when (watchdog?.TimedOut == true)
            {
                context.Diagnostic($"no request for {options.TimeoutMs} ms; served {served} of {options.PerfCount}");
                socket.Options.Linger = TimeSpan.Zero;
                return ExitCodes.Timeout;
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>Times COUNT round trips; prints the JSON line as <paramref name="role"/>.</summary>
    public static async Task<int> MeasureAsync(CliOptions options, CliContext context, string role)
    {
        var socket = PerfCommand.Open(ZmtpSocketType.Req, options, context);
        await using (socket.ConfigureAwait(false))
        {
            using var watchdog = PerfCommand.Watchdog(options, context);
            var token = watchdog?.Token ?? context.Interrupt;
            var payload = new Message(new byte[options.PerfSize]);
            using var reply = new Message();
            var rtts = new long[options.PerfCount];
            var done = 0;
            try
            {
                for (; done < rtts.Length; done++)
                {
                    var start = Stopwatch.GetTimestamp();
                    await socket.SendAsync(payload, token).ConfigureAwait(false);
                    await socket.ReceiveAsync(reply, token).ConfigureAwait(false);
                    rtts[done] = Stopwatch.GetTimestamp() - start;
                    if (watchdog is not null)
                    {
                        watchdog.Progress = done + 1;
                    }
                }
            }
            catch (OperationCanceledException) when (watchdog?.TimedOut == true)
            {
                context.Diagnostic($"no reply for {options.TimeoutMs} ms; completed {done} of {options.PerfCount} round trips");
                socket.Options.Linger = TimeSpan.Zero;
                return ExitCodes.Timeout;
            }

            var stats = LatencyStats.FromTicks(rtts);
            context.Stdout.WriteLine(new JsonLine()
                .Add("role", role)
                .Add("count", done)
                .Add("size", options.PerfSize)
                .Add("rtt_us_mean", stats.MeanUs)
                .Add("rtt_us_median", stats.MedianUs)
                .Add("rtt_us_p99", stats.P99Us)
                .ToString());
            return ExitCodes.Success;
        }
    }
}
