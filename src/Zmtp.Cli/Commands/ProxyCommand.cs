using Zmtp.Cli.Arguments;

namespace Zmtp.Cli.Commands;

/// <summary>
/// <c>zmtp proxy</c>: relays messages between a frontend and a backend socket in both directions (where
/// the types allow) until interrupted, like zmq_proxy.
/// </summary>
internal static class ProxyCommand
{
    public static async Task<int> RunAsync(CliOptions options, CliContext context)
    {
        var frontend = SocketOpener.Open(options.SocketType, options.Endpoints, context, SubscribeToEverything);
        await using (frontend.ConfigureAwait(false))
        {
            var backend = SocketOpener.Open(options.BackendType, options.BackendEndpoints, context, SubscribeToEverything);
            await using (backend.ConfigureAwait(false))
            {
                try
                {
                    await Proxy.RunAsync(frontend, backend, capture: null, context.Interrupt).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (context.Interrupt.IsCancellationRequested)
                {
                    // Contract: the proxy runs until SIGINT/SIGTERM, which is its normal end.
                }

                return ExitCodes.Success;
            }
        }
    }

    /// <summary>A SUB side cannot pass subscriptions on (it cannot send), so it takes everything, as recv does.</summary>
    private static void SubscribeToEverything(ZmtpSocket socket)
    {
        if (socket is SubSocket sub)
        {
            sub.Subscribe(ReadOnlySpan<byte>.Empty);
        }
    }
}
