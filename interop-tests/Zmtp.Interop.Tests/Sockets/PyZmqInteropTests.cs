using System.Diagnostics;
using static Zmtp.Interop.Tests.Sockets.InteropAssert;

namespace Zmtp.Interop.Tests.Sockets;

/// <summary>Our REQ against a pyzmq REP running in a separate /usr/bin/python3 process.</summary>
public sealed class PyZmqInteropTests
{
    // Debian's interpreter: python3-zmq is installed for it, not for other pythons on PATH.
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task Our_req_talks_to_a_pyzmq_rep_echo_process()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Python", "rep_echo.py");
        Assert.True(File.Exists(script), $"missing {script}");
        using var python = Process.Start(new ProcessStartInfo(Python, [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("could not start python");
        var stderr = python.StandardError.ReadToEndAsync();
        try
        {
            var endpoint = await python.StandardOutput.ReadLineAsync().WaitAsync(TestTimeout)
                ?? throw new InvalidOperationException($"python printed no endpoint: {await stderr}");
            Assert.StartsWith("tcp://127.0.0.1:", endpoint);

            await using var req = new ReqSocket().Quick();
            req.Connect(endpoint);
            for (var i = 0; i < 20; i++)
            {
                await req.SendWithinAsync($"ping-{i}");
                using var reply = await req.ReceiveWithinAsync();
                Assert.Equal([$"ping-{i}"], Strings(reply));
            }

            var big = Payload(300_000, seed: 5);
            await req.SendWithinAsync(new Message("a"u8.ToArray(), ReadOnlyMemory<byte>.Empty, big));
            using (var echoed = await req.ReceiveWithinAsync())
            {
                Assert.Equal(3, echoed.Count);
                Assert.Equal("a", echoed.GetString(0));
                Assert.True(echoed[1].IsEmpty);
                Assert.True(big.AsSpan().SequenceEqual(echoed[2].Span), "300 kB frame differs");
            }

            await req.SendWithinAsync("quit");
            using (var last = await req.ReceiveWithinAsync())
            {
                Assert.Equal(["quit"], Strings(last));
            }

            await python.WaitForExitAsync().WaitAsync(TestTimeout);
            Assert.True(python.ExitCode == 0, $"python exited with {python.ExitCode}: {await stderr}");
        }
        finally
        {
            if (!python.HasExited)
            {
                python.Kill(entireProcessTree: true);
            }
        }
    }
}
