using System.Diagnostics;
using System.Globalization;
using Zmtp.Cli.Arguments;
using Zmtp.Cli.Commands;

namespace Zmtp.Cli.Demo;

/// <summary>
/// <c>zmtp demo</c>: a tour on loopback with ephemeral ports: request/reply, publish/subscribe and a short
/// PUSH/PULL throughput run, printing a readable line per exchange.
/// </summary>
internal static class DemoCommand
{
    private const string Loopback = "tcp://127.0.0.1:*";
    private const int Clients = 3;
    private const int ThroughputMessages = 100_000;
    private const int ThroughputSize = 16;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(CliContext context)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.Interrupt);
        deadline.CancelAfter(Deadline);
        try
        {
            await RequestReplyAsync(context, deadline.Token).ConfigureAwait(false);
            await PublishSubscribeAsync(context, deadline.Token).ConfigureAwait(false);
            await ThroughputAsync(context, deadline.Token).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (context.Interrupt.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (OperationCanceledException)
        {
            context.Diagnostic($"the demo did not finish within {Deadline.TotalSeconds} s");
            return ExitCodes.Timeout;
        }
    }

    private static async Task RequestReplyAsync(CliContext context, CancellationToken token)
    {
        var server = new RepSocket();
        await using (server.ConfigureAwait(false))
        {
            var endpoint = server.Bind(Loopback);
            context.Stdout.WriteLine($"REQ/REP: echo server (REP) bound to {endpoint}, {Clients} REQ clients");
            var serving = EchoAsync(server, Clients, token);
            var clients = Enumerable.Range(1, Clients).Select(i => AskAsync(context, endpoint, i, token)).ToArray();
            await Task.WhenAll(clients).ConfigureAwait(false);
            await serving.ConfigureAwait(false);
        }
    }

    private static async Task EchoAsync(ZmtpSocket server, int count, CancellationToken token)
    {
        for (var i = 0; i < count; i++)
        {
            using var request = await server.ReceiveAsync(token).ConfigureAwait(false);
            await server.SendAsync(request, token).ConfigureAwait(false);
        }
    }

    private static async Task AskAsync(CliContext context, string endpoint, int client, CancellationToken token)
    {
        var socket = new ReqSocket();
        await using (socket.ConfigureAwait(false))
        {
            socket.Connect(endpoint);
            var request = $"hello {client}";
            await socket.SendAsync(request, token).ConfigureAwait(false);
            var reply = await socket.ReceiveStringAsync(token).ConfigureAwait(false);
            context.Stdout.WriteLine($"  client {client} -> \"{request}\" -> reply \"{reply}\"");
        }
    }

    private static async Task PublishSubscribeAsync(CliContext context, CancellationToken token)
    {
        string[] topics = ["weather", "news"];
        var publisher = new XPubSocket();
        await using (publisher.ConfigureAwait(false))
        {
            var endpoint = publisher.Bind(Loopback);
            context.Stdout.WriteLine($"PUB/SUB: publisher (XPUB) bound to {endpoint}, subscribers to \"{topics[0]}\" and \"{topics[1]}\"");
            var subscribers = new List<SubSocket>();
            try
            {
                foreach (var topic in topics)
                {
                    var subscriber = new SubSocket();
                    subscribers.Add(subscriber);
                    subscriber.Subscribe(topic);
                    subscriber.Connect(endpoint);
                }

                // A publisher drops messages for subscriptions it has not heard of yet; an XPUB hears
                // each new subscription (0x01 + prefix), so wait for both before publishing.
                for (var seen = 0; seen < topics.Length;)
                {
                    using var subscription = await publisher.ReceiveAsync(token).ConfigureAwait(false);
                    seen += subscription.Count > 0 && subscription[0].Length > 0 && subscription[0].Span[0] == 0x01 ? 1 : 0;
                }

                string[] updates = ["weather sunny, 21 C", "sports 3-1 (no subscriber: dropped by the publisher)", "news zmtp speaks ZMTP 3.1"];
                foreach (var update in updates)
                {
                    await publisher.SendAsync(update, token).ConfigureAwait(false);
                    context.Stdout.WriteLine($"  publish \"{update}\"");
                }

                for (var i = 0; i < subscribers.Count; i++)
                {
                    var received = await subscribers[i].ReceiveStringAsync(token).ConfigureAwait(false);
                    context.Stdout.WriteLine($"  subscriber \"{topics[i]}\" <- \"{received}\"");
                }
            }
            finally
            {
                foreach (var subscriber in subscribers)
                {
                    await subscriber.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task ThroughputAsync(CliContext context, CancellationToken token)
    {
        var pull = new PullSocket();
        await using (pull.ConfigureAwait(false))
        {
            var push = new PushSocket();
            await using (push.ConfigureAwait(false))
            {
                var endpoint = pull.Bind(Loopback);
                push.Connect(endpoint);
                var clock = Stopwatch.StartNew();
                var receiving = DrainAsync(pull, ThroughputMessages, token);
                ReadOnlyMemory<byte> payload = new byte[ThroughputSize];
                for (var i = 0; i < ThroughputMessages; i++)
                {
                    await push.SendAsync(payload, token).ConfigureAwait(false);
                }

                await receiving.ConfigureAwait(false);
                var seconds = clock.Elapsed.TotalSeconds;
                context.Stdout.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"PUSH/PULL over tcp loopback ({endpoint}): {ThroughputMessages:N0} x {ThroughputSize} B in {seconds:0.000} s = {ThroughputMessages / seconds:N0} msgs/s"));
            }
        }
    }

    private static async Task DrainAsync(ZmtpSocket pull, int count, CancellationToken token)
    {
        for (var i = 0; i < count; i++)
        {
            (await pull.ReceiveAsync(token).ConfigureAwait(false)).Dispose();
        }
    }
}
