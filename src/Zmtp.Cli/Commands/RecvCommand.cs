using Zmtp.Cli.Arguments;

namespace Zmtp.Cli.Commands;

/// <summary><c>zmtp recv</c>: prints each received message on a line of its own.</summary>
internal static class RecvCommand
{
    public static async Task<int> RunAsync(CliOptions options, CliContext context)
    {
        var socket = SocketOpener.Open(options.SocketType, options.Endpoints, context, s => Subscribe(s, options.Subscriptions), options.Settings);
        await using (socket.ConfigureAwait(false))
        {
            if (socket.SocketType == ZmtpSocketType.XSub)
            {
                // RFC 29: an XSUB subscribes by sending a message of 0x01 followed by the prefix.
                foreach (var prefix in PrefixesOrEverything(options.Subscriptions))
                {
                    byte[] command = [0x01, .. prefix];
                    await socket.SendAsync(new Message().Add(command), context.Interrupt).ConfigureAwait(false);
                }
            }

            using var timer = new WaitTimer(options.TimeoutMs, context.Interrupt);
            for (var received = 0; options.Count is not { } count || received < count; received++)
            {
                Message message;
                try
                {
                    message = await socket.ReceiveAsync(timer.Start()).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (timer.TimedOut)
                {
                    context.Diagnostic($"no message within {options.TimeoutMs} ms");
                    return ExitCodes.Timeout;
                }
                catch (OperationCanceledException) when (context.Interrupt.IsCancellationRequested)
                {
                    // Contract: Ctrl+C ends an open-ended recv normally.
                    return options.Count is null ? ExitCodes.Success : ExitCodes.Interrupted;
                }

                using (message)
                {
                    context.Stdout.WriteMessage(message, options.Hex);
                }
            }

            return ExitCodes.Success;
        }
    }

    private static void Subscribe(ZmtpSocket socket, IReadOnlyList<byte[]> subscriptions)
    {
        if (socket is SubSocket sub)
        {
            // A SUB receives nothing without a subscription: no --subscribe means everything ("").
            foreach (var prefix in PrefixesOrEverything(subscriptions))
            {
                sub.Subscribe(prefix);
            }
        }
    }

    private static IReadOnlyList<byte[]> PrefixesOrEverything(IReadOnlyList<byte[]> subscriptions) =>
        subscriptions.Count > 0 ? subscriptions : [[]];
}
