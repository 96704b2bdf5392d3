using System.Diagnostics;
using System.Globalization;
using Zmtp;
using Zmtp.Streams;

namespace Streams.EchoThroughput;

/// <summary>Messages per second through an echo server written with a stream, next to the same echo written
/// with the awaitable API, measured in the same run: 16-byte messages, a DEALER client pipelining over TCP
/// loopback to a ROUTER server.</summary>
public static class EchoThroughputSample
{
    private static readonly byte[] Payload = new byte[16];

    /// <summary>Runs a warm-up and then the measured echo for each server style.</summary>
    /// <param name="output">Where to print the results.</param>
    /// <param name="messages">How many messages each measured run echoes.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(TextWriter output, int messages)
    {
        var warmUp = Math.Max(1000, messages / 10);
        await MeasureStreamAsync(warmUp, copy: false);
        await MeasureAwaitableAsync(warmUp);

        var streamZeroCopy = await MeasureStreamAsync(messages, copy: false);
        var streamCopy = await MeasureStreamAsync(messages, copy: true);
        var awaitable = await MeasureAwaitableAsync(messages);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"echo of {messages} x 16-byte messages, DEALER client pipelining to a ROUTER server over tcp loopback"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stream (copy: false): {streamZeroCopy,12:N0} msg/s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stream (copy: true):  {streamCopy,12:N0} msg/s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"awaitable API:        {awaitable,12:N0} msg/s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio stream/awaitable: {streamZeroCopy / awaitable:0.00} (copy: false), {streamCopy / awaitable:0.00} (copy: true)"));
        return 0;
    }

    private static async Task<double> MeasureStreamAsync(int messages, bool copy)
    {
        await using var loop = new EventLoop("echo-throughput");
        var running = loop.RunAsync();
        await using var server = new RouterSocket();
        server.Options.Linger = TimeSpan.Zero;

        // Without ROUTER_MANDATORY a ROUTER drops replies for a peer at its high-water mark; with it, the
        // server waits instead, so every echo arrives.
        server.Options.RouterMandatory = true;
        var endpoint = server.Bind("tcp://127.0.0.1:*");
        var stream = new ZmtpStream(server, loop);
        stream.OnReceive(stream.Send, copy);
        var rate = await DriveAsync(endpoint, messages);
        await stream.CloseAsync();
        loop.Stop();
        await running;
        return rate;
    }

    private static async Task<double> MeasureAwaitableAsync(int messages)
    {
        using var stop = new CancellationTokenSource();
        await using var server = new RouterSocket();
        server.Options.Linger = TimeSpan.Zero;

        // Without ROUTER_MANDATORY a ROUTER drops replies for a peer at its high-water mark; with it, the
        // server waits instead, so every echo arrives.
        server.Options.RouterMandatory = true;
        var endpoint = server.Bind("tcp://127.0.0.1:*");
        var serving = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var message = await server.ReceiveAsync(stop.Token);
                    await server.SendAsync(message, stop.Token);
                    message.Dispose();
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        var rate = await DriveAsync(endpoint, messages);
        await stop.CancelAsync();
        await serving;
        return rate;
    }

    /// <summary>Sends <paramref name="messages"/> from a DEALER while receiving the echoes; returns messages per second.</summary>
    private static async Task<double> DriveAsync(string endpoint, int messages)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var client = new DealerSocket();
        client.Options.Linger = TimeSpan.Zero;
        client.Connect(endpoint);

        // One round trip first, so the connection exists before the clock starts.
        await client.SendAsync(Payload, timeout.Token);
        (await client.ReceiveAsync(timeout.Token)).Dispose();

        var clock = Stopwatch.StartNew();
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < messages; i++)
            {
                await client.SendAsync(Payload, timeout.Token);
            }
        });
        for (var i = 0; i < messages; i++)
        {
            (await client.ReceiveAsync(timeout.Token)).Dispose();
        }

        clock.Stop();
        await sending;
        return messages / clock.Elapsed.TotalSeconds;
    }
}
