using System.Diagnostics;
using Zmtp.Cli.Arguments;
using Zmtp.Cli.Commands;

namespace Zmtp.Cli.Perf;

/// <summary>
/// pubsub-send (XPUB, binds) and pubsub-recv (SUB, connects). A publisher drops what a subscriber cannot
/// take, so the receiver counts what it got; an empty message from the sender marks the end of the run.
/// </summary>
internal static class PubSubRoles
{
    private static readonly TimeSpan MaxTrailer = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(3);

    public static async Task<int> PublishAsync(CliOptions options, CliContext context)
    {
        // Every subscriber subscribes to "": without XPUB_VERBOSE only the first of them would be reported.
        var socket = PerfCommand.Open(ZmtpSocketType.XPub, options, context, s =>
        {
            s.Options.Linger = TimeSpan.FromSeconds(2);
            s.Options.XPubVerbose = true;
        });
        await using (socket.ConfigureAwait(false))
        {
            var token = context.Interrupt;

            // RFC 29: an XPUB delivers each new subscription as a message of 0x01 followed by the prefix.
            // Wait for --subscribers of them (default 1) so that every subscriber sees the whole run.
            for (var seen = 0; seen < options.PerfSubscribers;)
            {
                using var subscription = await socket.ReceiveAsync(token).ConfigureAwait(false);
                seen += IsSubscription(subscription, 0x01) ? 1 : 0;
            }

            var payload = new Message(new byte[options.PerfSize]);
            for (var i = 0; i < options.PerfCount; i++)
            {
                await socket.SendAsync(payload, token).ConfigureAwait(false);
            }

            // Then empty messages, about one per millisecond, until the subscribers unsubscribe (an XPUB
            // reports it when the last one goes; leaving counts as unsubscribing) or 20 s pass: one of them
            // tells each subscriber that the run is over.
            var trailer = Stopwatch.StartNew();
            var unsubscribed = false;
            while (!unsubscribed && trailer.Elapsed < MaxTrailer)
            {
                await socket.SendAsync(ReadOnlyMemory<byte>.Empty, token).ConfigureAwait(false);
                await Task.Delay(1, token).ConfigureAwait(false);
                while (socket.TryReceive(out var message))
                {
                    unsubscribed |= IsSubscription(message, 0x00);
                    message.Dispose();
                }
            }

            if (!unsubscribed)
            {
                context.Diagnostic("the subscriber did not unsubscribe within 20 s");
            }
        }

        return ExitCodes.Success;
    }

    public static async Task<int> SubscribeAsync(CliOptions options, CliContext context)
    {
        var socket = PerfCommand.Open(ZmtpSocketType.Sub, options, context, s => ((SubSocket)s).Subscribe(ReadOnlySpan<byte>.Empty));
        await using (socket.ConfigureAwait(false))
        {
            using var firstWait = new WaitTimer(options.TimeoutMs, context.Interrupt);
            Message first;
            try
            {
                first = await socket.ReceiveAsync(firstWait.Start()).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (firstWait.TimedOut)
            {
                context.Diagnostic($"no message within {options.TimeoutMs} ms");
                return ExitCodes.Timeout;
            }

            var start = Stopwatch.GetTimestamp();
            var end = start;
            long received = 0;
            var ended = first.ByteCount == 0;
            first.Dispose();
            if (!ended)
            {
                received = 1;
                using var watchdog = new IdleWatchdog(Silence, context.Interrupt);
                using var message = new Message(); // received into again and again: no allocation per message
                try
                {
                    while (received < options.PerfCount)
                    {
                        await socket.ReceiveAsync(message, watchdog.Token).ConfigureAwait(false);
                        if (message.ByteCount == 0)
                        {
                            break;
                        }

                        end = Stopwatch.GetTimestamp();
                        watchdog.Progress = ++received;
                    }
                }
                catch (OperationCanceledException) when (watchdog.TimedOut)
                {
                    context.Diagnostic($"3 s without a message; received {received} of {options.PerfCount}");
                }
            }

            // Tell the publisher at once that the run is over, rather than when the connection closes.
            ((SubSocket)socket).Unsubscribe(ReadOnlySpan<byte>.Empty);
            socket.Options.Linger = TimeSpan.FromMilliseconds(500);
            PerfCommand.WriteThroughput(context, "pubsub-recv", received, options.PerfSize, start, end);
            return received > 0 ? ExitCodes.Success : ExitCodes.Timeout;
        }
    }

    private static bool IsSubscription(Message message, byte kind) =>
        message.Count > 0 && message[0].Length > 0 && message[0].Span[0] == kind;
}
