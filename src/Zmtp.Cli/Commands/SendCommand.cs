using Zmtp.Cli.Arguments;

namespace Zmtp.Cli.Commands;

/// <summary><c>zmtp send</c>: sends the FRAMEs as one message COUNT times; with REQ, prints each reply.</summary>
internal static class SendCommand
{
    public static async Task<int> RunAsync(CliOptions options, CliContext context)
    {
        var type = options.SocketType;
        var isPublisher = type is ZmtpSocketType.Pub or ZmtpSocketType.XPub;
        if (isPublisher && options.IntervalMs == 0)
        {
            context.Diagnostic($"note: a {SocketTypeNames.Name(type)} drops messages until subscribers have connected; use --interval MS to wait before the first message");
        }

        // IMMEDIATE: queue only to completed connections, so "no peer to take the message" is a wait
        // that --timeout can end, rather than a message parked on a connection that never comes up.
        var socket = SocketOpener.Open(type, options.Endpoints, context, s => s.Options.Immediate = true);
        await using (socket.ConfigureAwait(false))
        {
            var frames = options.Frames.Select(f => (ReadOnlyMemory<byte>)f).ToArray();
            var count = options.Count ?? 1;
            using var timer = new WaitTimer(options.TimeoutMs, context.Interrupt);
            try
            {
                for (var i = 0; i < count; i++)
                {
                    // A PUB waits --interval before its first message too, to give subscribers time to connect.
                    if (options.IntervalMs > 0 && (i > 0 || isPublisher))
                    {
                        await Task.Delay(options.IntervalMs, context.Interrupt).ConfigureAwait(false);
                    }

                    if (!await TrySendAsync(socket, new Message(frames), timer, options, context).ConfigureAwait(false))
                    {
                        return ExitCodes.Timeout;
                    }

                    if (type == ZmtpSocketType.Req && !await TryPrintReplyAsync(socket, timer, options, context).ConfigureAwait(false))
                    {
                        return ExitCodes.Timeout;
                    }
                }
            }
            catch (OperationCanceledException) when (context.Interrupt.IsCancellationRequested)
            {
                return ExitCodes.Interrupted;
            }

            // Disposing (at the end of this block) lingers so that queued messages still go out.
            return ExitCodes.Success;
        }
    }

    private static async Task<bool> TrySendAsync(ZmtpSocket socket, Message message, WaitTimer timer, CliOptions options, CliContext context)
    {
        try
        {
            await socket.SendAsync(message, timer.Start()).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (timer.TimedOut)
        {
            context.Diagnostic($"no peer took the message within {options.TimeoutMs} ms");
            return false;
        }
    }

    private static async Task<bool> TryPrintReplyAsync(ZmtpSocket socket, WaitTimer timer, CliOptions options, CliContext context)
    {
        try
        {
            using var reply = await socket.ReceiveAsync(timer.Start()).ConfigureAwait(false);
            context.Stdout.WriteMessage(reply, hex: false);
            return true;
        }
        catch (OperationCanceledException) when (timer.TimedOut)
        {
            context.Diagnostic($"no reply within {options.TimeoutMs} ms");
            return false;
        }
    }
}
