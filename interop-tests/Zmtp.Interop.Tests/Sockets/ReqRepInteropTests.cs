using Zmtp.Interop.Tests.Native;
using static Zmtp.Interop.Tests.Sockets.InteropAssert;

namespace Zmtp.Interop.Tests.Sockets;

/// <summary>REQ/REP between Zmtp and libzmq, each side in each role, bind and connect.</summary>
public sealed class ReqRepInteropTests : IDisposable
{
    private readonly ZmqContext _context = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Our_req_talks_to_libzmq_rep(bool weBind)
    {
        await using var req = new ReqSocket().Quick();
        var rep = _context.Socket(Zmq.Rep);
        if (weBind)
        {
            rep.Connect(req.Bind("tcp://127.0.0.1:*"));
        }
        else
        {
            req.Connect(rep.Bind("tcp://127.0.0.1:*"));
        }

        for (var i = 0; i < 5; i++)
        {
            await req.SendWithinAsync($"request-{i}");
            Assert.Equal([$"request-{i}"], Strings(rep.ReceiveMultipart()));
            rep.SendMultipart(Bytes($"reply-{i}"));
            using var reply = await req.ReceiveWithinAsync();
            Assert.Equal([$"reply-{i}"], Strings(reply));
        }

        // Multipart with empty frames in the body: libzmq's REP strips only the envelope delimiter.
        await req.SendWithinAsync("A", "", "B", "");
        Assert.Equal(["A", "", "B", ""], Strings(rep.ReceiveMultipart()));
        rep.SendMultipart(Bytes("", "x", ""));
        using var multipart = await req.ReceiveWithinAsync();
        Assert.Equal(["", "x", ""], Strings(multipart));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Libzmq_req_talks_to_our_rep(bool weBind)
    {
        await using var rep = new RepSocket().Quick();
        var req = _context.Socket(Zmq.Req);
        if (weBind)
        {
            req.Connect(rep.Bind("tcp://127.0.0.1:*"));
        }
        else
        {
            rep.Connect(req.Bind("tcp://127.0.0.1:*"));
        }

        for (var i = 0; i < 5; i++)
        {
            req.SendMultipart(Bytes($"request-{i}"));
            using var request = await rep.ReceiveWithinAsync();
            Assert.Equal([$"request-{i}"], Strings(request));
            await rep.SendWithinAsync($"reply-{i}");
            Assert.Equal([$"reply-{i}"], Strings(req.ReceiveMultipart()));
        }

        req.SendMultipart(Bytes("", "A", ""));
        using (var request = await rep.ReceiveWithinAsync())
        {
            Assert.Equal(["", "A", ""], Strings(request));
        }

        await rep.SendWithinAsync("B", "", "C");
        Assert.Equal(["B", "", "C"], Strings(req.ReceiveMultipart()));
    }

    [Fact]
    public async Task One_mebibyte_request_and_reply_cross_intact()
    {
        await using var req = new ReqSocket().Quick();
        var rep = _context.Socket(Zmq.Rep);
        req.Connect(rep.Bind("tcp://127.0.0.1:*"));
        var request = Payload(1 << 20, seed: 1);
        var reply = Payload(1 << 20, seed: 2);

        await req.SendWithinAsync(new Message(request));
        Assert.Equal(request, Assert.Single(rep.ReceiveMultipart()));
        rep.SendMultipart(reply);
        using var received = await req.ReceiveWithinAsync();
        Assert.True(reply.AsSpan().SequenceEqual(Assert.Single(received).Span), "1 MiB reply differs");
    }

    public void Dispose() => _context.Dispose();
}
