using Zmtp.Cli.Arguments;

namespace Zmtp.Cli.Commands;

/// <summary>
/// <c>zmtp echo</c>: sends every received message back unchanged (and prints it like recv). A ROUTER's
/// message starts with the sender's routing id, so echoing it whole routes the copy back to the sender.
/// </summary>
internal static class EchoCommand
{
    public static async Task<int> RunAsync(CliOptions options, CliContext context)
    {
        var socket = SocketOpener.Open(options.SocketType, options.Endpoints, context, settings: options.Settings);
        await using (socket.ConfigureAwait(false))
        {
            using var timer = new WaitTimer(options.TimeoutMs, context.Interrupt);
            try
            {
                for (var echoed = 0; options.Count is not { } count || echoed < count; echoed++)
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

                    // The socket keeps its own hold on a sent message until written, so disposing it here
                    // (returning our hold on the pooled buffers) is safe.
                    using (message)
                    {
                        context.Stdout.WriteMessage(message, options.Hex);
                        await socket.SendAsync(message, context.Interrupt).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (context.Interrupt.IsCancellationRequested)
            {
                return options.Count is null ? ExitCodes.Success : ExitCodes.Interrupted;
            }

            return ExitCodes.Success;
        }
    }
}
