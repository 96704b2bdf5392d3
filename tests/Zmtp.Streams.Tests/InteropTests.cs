using System.Diagnostics;
using Zmtp.Streams.Tests.Support;

namespace Zmtp.Streams.Tests;

/// <summary>libzmq 4.3 peers (python3-zmq in a child process) driving streams.</summary>
public sealed class InteropTests
{
    private const string ReqScript = """
        import sys, zmq
        ctx = zmq.Context()
        s = ctx.socket(zmq.REQ)
        s.setsockopt(zmq.RCVTIMEO, 10000)
        s.setsockopt(zmq.LINGER, 0)
        s.connect(sys.argv[1])
        for i in range(200):
            s.send_multipart([b"req %d" % i, b"part two"])
            reply = s.recv_multipart()
            assert reply == [b"req %d" % i, b"part two", b"ok"], reply
        print("done", flush=True)
        """;

    private const string PushScript = """
        import sys, zmq
        ctx = zmq.Context()
        s = ctx.socket(zmq.PUSH)
        s.setsockopt(zmq.LINGER, 5000)
        s.connect(sys.argv[1])
        for i in range(5000):
            s.send(b"%d" % i)
        s.close()
        ctx.term()
        print("done", flush=True)
        """;

    private const string RouterScript = """
        import sys, zmq
        ctx = zmq.Context()
        s = ctx.socket(zmq.ROUTER)
        s.setsockopt(zmq.RCVTIMEO, 10000)
        s.setsockopt(zmq.LINGER, 1000)
        s.connect(sys.argv[1])
        for i in range(100):
            ident, body = s.recv_multipart()
            s.send_multipart([ident, body + b" back"])
        print("done", flush=True)
        """;

    [Fact]
    public async Task A_libzmq_REQ_drives_a_REP_stream()
    {
        await using var scope = LoopScope.Start();
        await using var rep = new RepSocket();
        var endpoint = rep.Bind("tcp://127.0.0.1:*");
        var stream = scope.Stream(rep);
        stream.OnReceive(message =>
        {
            message.Add("ok");
            stream.Send(message);
        });
        await RunPythonAsync(ReqScript, endpoint);
        Assert.Empty(scope.Errors);
    }

    [Fact]
    public async Task A_libzmq_PUSH_floods_a_PULL_stream_in_order()
    {
        await using var scope = LoopScope.Start();
        await using var pull = new PullSocket();
        var endpoint = pull.Bind("tcp://127.0.0.1:*");
        var stream = scope.Stream(pull);
        var seen = new Collector<int>();
        stream.OnReceive(message => seen.Add(int.Parse(message.GetString(), System.Globalization.CultureInfo.InvariantCulture)), copy: false);
        await RunPythonAsync(PushScript, endpoint);
        await seen.WaitForAsync(5000);
        Assert.Equal(Enumerable.Range(0, 5000), seen.Snapshot());
    }

    [Fact]
    public async Task A_DEALER_stream_talks_to_a_libzmq_ROUTER()
    {
        await using var scope = LoopScope.Start();
        await using var dealer = new DealerSocket();
        var endpoint = dealer.Bind("tcp://127.0.0.1:*");
        var stream = scope.Stream(dealer);
        var replies = new Collector<string>();
        stream.OnReceive(message => replies.Add(message.GetString()));
        var python = RunPythonAsync(RouterScript, endpoint);
        for (var i = 0; i < 100; i++)
        {
            stream.SendString($"m{i}");
        }

        await replies.WaitForAsync(100);
        await python;
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"m{i} back"), replies.Snapshot());
    }

    private static async Task RunPythonAsync(string script, string endpoint)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(endpoint);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, await errors);
        Assert.Contains("done", await output);
    }
}
