using System.Threading.Channels;
using Zmtp.Cli.Arguments;
using Zmtp.Cli.Output;

namespace Zmtp.Cli.Commands;

/// <summary>
/// <c>zmtp monitor</c>: opens a socket and prints its connection events as they happen, one line each.
/// Monitoring starts before any bind or connect, so <c>listening</c> and <c>connect-delayed</c> are seen.
/// </summary>
internal static class MonitorCommand
{
    public static async Task<int> RunAsync(CliOptions options, CliContext context)
    {
        ChannelReader<SocketEvent>? events = null;
        ZmtpSocket socket;
        try
        {
            socket = SocketOpener.Open(options.SocketType, options.Endpoints, context, s => events = s.StartMonitor(SocketEventType.All), options.Settings);
        }
        catch (ZmtpException) when (events is not null)
        {
            // Show what led to the failure (e.g. bind-failed) before the error and exit code 3.
            var left = options.Count ?? int.MaxValue;
            while (left-- > 0 && events.TryRead(out var early))
            {
                context.Stdout.WriteLine(EventText.Format(early));
            }

            throw;
        }

        await using (socket.ConfigureAwait(false))
        {
            using var discarding = CancellationTokenSource.CreateLinkedTokenSource(context.Interrupt);
            var discard = DiscardsMessages(socket.SocketType) ? DiscardAsync(socket, discarding.Token) : Task.CompletedTask;
            try
            {
                return await PrintAsync(events!, options, context).ConfigureAwait(false);
            }
            finally
            {
                await discarding.CancelAsync().ConfigureAwait(false);
                await discard.ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> PrintAsync(ChannelReader<SocketEvent> events, CliOptions options, CliContext context)
    {
        using var timer = new WaitTimer(options.TimeoutMs, context.Interrupt);
        for (var printed = 0; options.Count is not { } count || printed < count; printed++)
        {
            SocketEvent next;
            try
            {
                next = await events.ReadAsync(timer.Start()).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timer.TimedOut)
            {
                context.Diagnostic($"no event within {options.TimeoutMs} ms");
                return ExitCodes.Timeout;
            }
            catch (OperationCanceledException) when (context.Interrupt.IsCancellationRequested)
            {
                // Contract: monitor ends normally on Ctrl+C, with or without -n.
                return ExitCodes.Success;
            }

            context.Stdout.WriteLine(EventText.Format(next));
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Whether the monitor reads and drops incoming messages, so a sending peer is not held back at the high
    /// water mark. Not REQ and REP, whose receive is tied to a send (the monitor never sends), nor PUB and
    /// PUSH, which cannot receive. A SUB receives only what --option SUBSCRIBE=PREFIX asks for.
    /// </summary>
    private static bool DiscardsMessages(ZmtpSocketType type) =>
        type is not (ZmtpSocketType.Req or ZmtpSocketType.Rep or ZmtpSocketType.Pub or ZmtpSocketType.Push);

    private static async Task DiscardAsync(ZmtpSocket socket, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                var message = await socket.ReceiveAsync(stop).ConfigureAwait(false);
                message.Dispose();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The monitor is done.
        }
    }
}
