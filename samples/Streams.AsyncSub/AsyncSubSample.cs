using Zmtp;
using Zmtp.Streams;

namespace Streams.AsyncSub;

/// <summary>pyzmq's asyncio example: a SUB receive loop written with <c>await</c>, run as a coroutine on
/// the event loop, next to a publisher driven by a loop timer.</summary>
public static class AsyncSubSample
{
    /// <summary>Publishes until the subscriber coroutine has received five messages, then stops.</summary>
    /// <param name="output">Where to print what happens.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(TextWriter output)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var loop = new EventLoop("async-sub");
        var running = loop.RunAsync();

        await using var publisher = new PubSocket();
        var endpoint = publisher.Bind("tcp://127.0.0.1:*");

        // The publisher: a periodic loop timer (a SUB that joins late misses earlier messages, so keep going).
        var sequence = 0;
        var ticker = loop.CallEvery(TimeSpan.FromMilliseconds(20), () => publisher.TrySend(Message.FromStrings("news", $"update {++sequence}")));

        // The subscriber: the asyncio recv() coroutine, awaiting on the loop.
        var received = await loop.RunCoroutine(async () =>
        {
            await using var subscriber = new SubSocket();
            subscriber.Connect(endpoint);
            subscriber.Subscribe("news");
            var count = 0;
            while (count < 5)
            {
                using var message = await subscriber.ReceiveAsync(timeout.Token);
                count++;
                var where = EventLoop.Current == loop ? "on the loop" : "off the loop";
                output.WriteLine($"received [{message.GetString(0)} | {message.GetString(1)}] ({where})");
            }

            return count;
        });

        ticker.Cancel();
        loop.Stop();
        await running.WaitAsync(timeout.Token);
        output.WriteLine($"done: {received} messages");
        return 0;
    }
}
