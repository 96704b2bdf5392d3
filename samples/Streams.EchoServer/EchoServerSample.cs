using Zmtp;
using Zmtp.Streams;

namespace Streams.EchoServer;

/// <summary>pyzmq's first ZMQStream example: a REP echo server built from one stream and one callback.</summary>
public static class EchoServerSample
{
    /// <summary>Runs the server and a REQ client that drives it, then stops.</summary>
    /// <param name="output">Where to print what happens.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(TextWriter output)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var loop = new EventLoop("echo-server");
        var running = loop.RunAsync();

        await using var server = new RepSocket();
        var endpoint = server.Bind("tcp://127.0.0.1:*");
        var stream = new ZmtpStream(server, loop);

        // The whole server: every request comes back as the reply, sent when the REP socket allows it.
        stream.OnReceive(message => stream.Send(message));
        output.WriteLine($"echo server on {endpoint}");

        await using var client = new ReqSocket();
        client.Connect(endpoint);
        for (var i = 1; i <= 5; i++)
        {
            await client.SendAsync(Message.FromStrings($"hello {i}", "second frame"), timeout.Token);
            using var reply = await client.ReceiveAsync(timeout.Token);
            output.WriteLine($"request {i}: echoed [{reply.GetString(0)} | {reply.GetString(1)}]");
        }

        await stream.CloseAsync();
        loop.Stop();
        await running.WaitAsync(timeout.Token);
        output.WriteLine("done");
        return 0;
    }
}
