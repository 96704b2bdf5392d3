using System.Diagnostics;
using Zmtp.Cli.Arguments;
using Zmtp.Cli.Commands;

namespace Zmtp.Cli.Perf;

/// <summary>
/// thr-recv (PULL, binds) and thr-send (PUSH, connects), like libzmq's local_thr and remote_thr; with a
/// ROUTER and a DEALER, router-recv and dealer-send; and the two halves of inproc-thr.
/// </summary>
internal static class ThroughputRoles
{
    /// <summary>Receives COUNT whole messages on a <paramref name="type"/> socket; prints the JSON line as <paramref name="role"/>.</summary>
    public static async Task<int> ReceiveAsync(CliOptions options, CliContext context, ZmtpSocketType type, string role)
    {
        var socket = PerfCommand.Open(type, options, context);
        await using (socket.ConfigureAwait(false))
        {
            using var watchdog = PerfCommand.Watchdog(options, context);
            var token = watchdog?.Token ?? context.Interrupt;
            long received = 0;
            long start = 0;

            // One message received into again and again, as local_thr reuses its zmq_msg_t: no allocation
            // per message.
            using var message = new Message();
            try
            {
                // Like local_thr, the clock starts when the first message arrives.
                await socket.ReceiveAsync(message, token).ConfigureAwait(false);
                start = Stopwatch.GetTimestamp();
                for (received = 1; received < options.PerfCount; received++)
                {
                    await socket.ReceiveAsync(message, token).ConfigureAwait(false);
                    if (watchdog is not null)
                    {
                        watchdog.Progress = received;
                    }
                }
            }
            catch (OperationCanceledException) when (watchdog?.TimedOut == true)
            {
                context.Diagnostic($"no message for {options.TimeoutMs} ms; received {received} of {options.PerfCount}");
                if (received > 0)
                {
                    PerfCommand.WriteThroughput(context, role, received, options.PerfSize, start, Stopwatch.GetTimestamp());
                }

                return ExitCodes.Timeout;
            }

            PerfCommand.WriteThroughput(context, role, received, options.PerfSize, start, Stopwatch.GetTimestamp());
            return ExitCodes.Success;
        }
    }

    /// <summary>Sends COUNT messages of SIZE bytes on a <paramref name="type"/> socket, then lingers until they are delivered.</summary>
    public static async Task<int> SendAsync(CliOptions options, CliContext context, ZmtpSocketType type)
    {
        var socket = PerfCommand.Open(type, options, context);
        await using (socket.ConfigureAwait(false))
        {
            using var watchdog = PerfCommand.Watchdog(options, context);
            var token = watchdog?.Token ?? context.Interrupt;

            // One message for every send: the socket only reads it (no allocation per message).
            var payload = new Message(new byte[options.PerfSize]);
            var sent = 0;
            try
            {
                for (; sent < options.PerfCount; sent++)
                {
                    await socket.SendAsync(payload, token).ConfigureAwait(false);
                    if (watchdog is not null)
                    {
                        watchdog.Progress = sent + 1;
                    }
                }
            }
            catch (OperationCanceledException) when (watchdog?.TimedOut == true)
            {
                context.Diagnostic($"no peer took a message for {options.TimeoutMs} ms; sent {sent} of {options.PerfCount}");
                socket.Options.Linger = TimeSpan.Zero; // nobody is taking them: do not wait 30 s on dispose
                return ExitCodes.Timeout;
            }

            context.Diagnostic($"sent {sent} messages of {options.PerfSize} B ({PerfCommand.GcSummary()}); lingering until they are delivered");
        }

        return ExitCodes.Success;
    }
}
