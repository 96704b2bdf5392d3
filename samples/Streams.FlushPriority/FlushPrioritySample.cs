using Zmtp;
using Zmtp.Streams;

namespace Streams.FlushPriority;

/// <summary>Prioritising one stream over the loop's order with <see cref="ZmtpStream.Flush"/>: before each
/// bulk message is handled, whatever is waiting on the urgent stream is handled first.</summary>
public static class FlushPrioritySample
{
    private const int PerStream = 5;

    /// <summary>Queues bulk and urgent messages, then lets the loop handle them with urgent ones first.</summary>
    /// <param name="output">Where to print what happens.</param>
    /// <returns>The exit code: 0 when every message was handled and the first flush found urgent work.</returns>
    public static async Task<int> RunAsync(TextWriter output)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var loop = new EventLoop("flush-priority");
        var running = loop.RunAsync();

        await using var bulkSocket = new PullSocket();
        await using var urgentSocket = new PullSocket();
        var bulkEndpoint = bulkSocket.Bind("tcp://127.0.0.1:*");
        var urgentEndpoint = urgentSocket.Bind("tcp://127.0.0.1:*");
        await using var bulkSender = new PushSocket();
        await using var urgentSender = new PushSocket();
        bulkSender.Connect(bulkEndpoint);
        urgentSender.Connect(urgentEndpoint);
        for (var i = 1; i <= PerStream; i++)
        {
            await bulkSender.SendAsync($"bulk {i}", timeout.Token);
            await urgentSender.SendAsync($"urgent {i}", timeout.Token);
        }

        // Both sockets now hold messages: start the streams together, bulk first in the loop's order.
        await bulkSocket.PollAsync(PollEvents.In, Timeout.InfiniteTimeSpan, timeout.Token);
        await urgentSocket.PollAsync(PollEvents.In, Timeout.InfiniteTimeSpan, timeout.Token);

        var handled = new List<string>();
        var firstFlush = -1;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bulk = new ZmtpStream(bulkSocket, loop);
        var urgent = new ZmtpStream(urgentSocket, loop);

        void Handle(Message message)
        {
            handled.Add(message.GetString());
            output.WriteLine($"handled {message.GetString()}");
            if (handled.Count == 2 * PerStream)
            {
                finished.TrySetResult();
            }
        }

        await loop.InvokeAsync(() =>
        {
            bulk.OnReceive(message =>
            {
                // Serve the urgent stream first: run its pending receives now, ahead of this bulk message.
                var ran = urgent.Flush(StreamEvents.Receive);
                if (firstFlush < 0)
                {
                    firstFlush = ran;
                }

                if (ran > 0)
                {
                    output.WriteLine($"flushed {ran} urgent message(s) before {message.GetString()}");
                }

                Handle(message);
            });
            urgent.OnReceive(Handle);
        });

        await finished.Task.WaitAsync(timeout.Token);
        await bulk.CloseAsync();
        await urgent.CloseAsync();
        loop.Stop();
        await running.WaitAsync(timeout.Token);
        output.WriteLine($"done: {handled.Count} messages; the first flush ran {firstFlush} urgent message(s)");
        return handled.Count == 2 * PerStream && firstFlush > 0 ? 0 : 1;
    }
}
