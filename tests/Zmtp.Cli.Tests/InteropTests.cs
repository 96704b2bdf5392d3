namespace Zmtp.Cli.Tests;

/// <summary>The tool against libzmq 4.3 (python3-zmq) peers.</summary>
public sealed class InteropTests
{
    [Fact]
    public async Task Recv_prints_a_multipart_message_from_a_libzmq_push()
    {
        await using var recv = CliProcess.Start("recv", "PULL", "@tcp://127.0.0.1:*", "-n", "1", "--timeout", "20000");
        var endpoint = await recv.BoundEndpointAsync();

        await using var push = PythonPeer.Start("""
            import sys, zmq
            ctx = zmq.Context()
            s = ctx.socket(zmq.PUSH)
            s.connect(sys.argv[1])
            s.send_multipart([b"py", b"", b"\x00\x01", "\u00fc".encode()])
            s.close(linger=10000)
            ctx.term()
            """, endpoint);

        await push.WaitForSuccessAsync();
        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Equal("py\t\t0x0001\tü\n", recv.Stdout);
    }

    [Fact]
    public async Task Send_req_gets_the_reply_of_a_libzmq_rep()
    {
        await using var rep = PythonPeer.Start("""
            import zmq
            ctx = zmq.Context()
            s = ctx.socket(zmq.REP)
            s.bind("tcp://127.0.0.1:*")
            print(s.last_endpoint.decode(), flush=True)
            s.rcvtimeo = 20000
            request = s.recv_multipart()
            s.send_multipart([b"re:"] + request)
            s.close(linger=10000)
            ctx.term()
            """);
        var endpoint = await rep.ReadLineAsync();

        var (code, stdout, stderr) = await CliProcess.RunAsync("send", "REQ", endpoint, "--timeout", "20000", "hello", "0xff00");

        Assert.True(code == 0, stderr);
        Assert.Equal("re:\thello\t0xff00\n", stdout);
        await rep.WaitForSuccessAsync();
    }
}
