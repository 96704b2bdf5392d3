using Zmtp;
using Zmtp.Streams;

namespace Streams.PauseResume;

/// <summary>Pausing a stream by clearing its callback, and resuming it: messages wait in the socket meanwhile
/// and arrive afterwards, none lost, none reordered.</summary>
public static class PauseResumeSample
{
    private const int Total = 10;

    /// <summary>Sends ten messages to a PULL stream that pauses after the third, then resumes.</summary>
    /// <param name="output">Where to print what happens.</param>
    /// <returns>The exit code: 0 when all ten arrived in order.</returns>
    public static async Task<int> RunAsync(TextWriter output)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var loop = new EventLoop("pause-resume");
        var running = loop.RunAsync();

        await using var pull = new PullSocket();
        var endpoint = pull.Bind("tcp://127.0.0.1:*");
        var stream = new ZmtpStream(pull, loop);
        var received = new List<int>();
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        void Handle(Message message)
        {
            var number = int.Parse(message.GetString(), System.Globalization.CultureInfo.InvariantCulture);
            received.Add(number);
            output.WriteLine($"received {number}");
            if (received.Count == 3)
            {
                // Pause: nothing more is read; later messages stay queued in the socket.
                stream.OnReceive(null);
                output.WriteLine($"paused (IsReceiving = {stream.IsReceiving}); resuming in 200 ms");
                loop.CallLater(TimeSpan.FromMilliseconds(200), () =>
                {
                    output.WriteLine("resumed");
                    stream.OnReceive(Handle);
                });
            }

            if (received.Count == Total)
            {
                finished.TrySetResult();
            }
        }

        stream.OnReceive(Handle);

        await using var push = new PushSocket();
        push.Connect(endpoint);
        for (var i = 1; i <= Total; i++)
        {
            await push.SendAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture), timeout.Token);
        }

        await finished.Task.WaitAsync(timeout.Token);
        await stream.CloseAsync();
        loop.Stop();
        await running.WaitAsync(timeout.Token);
        var inOrder = received.SequenceEqual(Enumerable.Range(1, Total));
        output.WriteLine($"done: {received.Count} messages, in order: {inOrder}");
        return inOrder ? 0 : 1;
    }
}
