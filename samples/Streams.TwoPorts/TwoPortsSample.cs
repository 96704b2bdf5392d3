using Zmtp;
using Zmtp.Streams;

namespace Streams.TwoPorts;

/// <summary>pyzmq's <c>on_recv_stream</c> example: two REP streams on two ports served by one callback.</summary>
public static class TwoPortsSample
{
    /// <summary>Runs both servers and a client for each, then stops.</summary>
    /// <param name="output">Where to print what happens.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(TextWriter output)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var loop = new EventLoop("two-ports");
        var running = loop.RunAsync();

        await using var first = new RepSocket();
        await using var second = new RepSocket();
        var firstEndpoint = first.Bind("tcp://127.0.0.1:*");
        var secondEndpoint = second.Bind("tcp://127.0.0.1:*");
        var names = new Dictionary<ZmtpStream, string>();
        var stream1 = new ZmtpStream(first, loop);
        var stream2 = new ZmtpStream(second, loop);
        names[stream1] = firstEndpoint;
        names[stream2] = secondEndpoint;

        // One callback for both: the stream argument says which socket the request came in on.
        void Echo(ZmtpStream stream, Message message)
        {
            message.Add($"served by {names[stream]}");
            stream.Send(message);
        }

        stream1.OnReceiveStream(Echo);
        stream2.OnReceiveStream(Echo);

        await using var client1 = new ReqSocket();
        await using var client2 = new ReqSocket();
        client1.Connect(firstEndpoint);
        client2.Connect(secondEndpoint);
        for (var i = 1; i <= 3; i++)
        {
            foreach (var client in new[] { client1, client2 })
            {
                await client.SendAsync($"ping {i}", timeout.Token);
                using var reply = await client.ReceiveAsync(timeout.Token);
                output.WriteLine($"{reply.GetString(0)} -> {reply.GetString(1)}");
            }
        }

        await stream1.CloseAsync();
        await stream2.CloseAsync();
        loop.Stop();
        await running.WaitAsync(timeout.Token);
        output.WriteLine("done");
        return 0;
    }
}
