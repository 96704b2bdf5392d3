using System.Text;
using Zmtp.Interop.Tests.Native;
using static Zmtp.Interop.Tests.Sockets.InteropAssert;

namespace Zmtp.Interop.Tests.Sockets;

/// <summary>Socket-type compatibility and routing ids across Zmtp and libzmq.</summary>
public sealed class PeerValidationInteropTests : IDisposable
{
    private readonly ZmqContext _context = new();

    [Fact]
    public async Task Libzmq_push_is_refused_by_our_rep_which_keeps_serving_a_valid_req()
    {
        await using var rep = new RepSocket().Quick();
        var endpoint = rep.Bind("tcp://127.0.0.1:*");

        // PUSH is not a valid peer for REP (RFC 23 / zmtp-wire.md 6.3): its message must never arrive.
        var push = _context.Socket(Zmq.Push);
        push.Connect(endpoint);
        push.SendMultipart(Bytes("", "from-push"));

        var req = _context.Socket(Zmq.Req);
        req.Connect(endpoint);
        for (var i = 0; i < 3; i++)
        {
            req.SendMultipart(Bytes($"request-{i}"));
            using var request = await rep.ReceiveWithinAsync();
            Assert.Equal([$"request-{i}"], Strings(request));
            await rep.SendWithinAsync($"reply-{i}");
            Assert.Equal([$"reply-{i}"], Strings(req.ReceiveMultipart()));
        }

        Assert.False(rep.TryReceive(TimeSpan.FromMilliseconds(300), out var stray), $"REP delivered {stray}");
    }

    [Fact]
    public async Task Our_pull_refuses_a_libzmq_pull_and_still_accepts_a_push()
    {
        await using var pull = new PullSocket().Quick();
        var endpoint = pull.Bind("tcp://127.0.0.1:*");
        var wrong = _context.Socket(Zmq.Pull);
        wrong.Connect(endpoint);
        var push = _context.Socket(Zmq.Push);
        push.Connect(endpoint);
        push.SendMultipart(Bytes("ok"));

        using var message = await pull.ReceiveWithinAsync();
        Assert.Equal(["ok"], Strings(message));
    }

    [Fact]
    public async Task Routing_id_of_our_req_is_the_id_frame_seen_by_libzmq_router()
    {
        var router = _context.Socket(Zmq.Router);
        var endpoint = router.Bind("tcp://127.0.0.1:*");
        await using var req = new ReqSocket().Quick();
        req.Options.RoutingId = "client-1"u8.ToArray();
        req.Connect(endpoint);

        await req.SendWithinAsync("Hello");
        Assert.Equal(["client-1", "", "Hello"], Strings(router.ReceiveMultipart()));
        router.SendMultipart(Bytes("client-1", "", "World"));
        using var reply = await req.ReceiveWithinAsync();
        Assert.Equal(["World"], Strings(reply));
    }

    [Fact]
    public async Task Our_router_routes_replies_to_libzmq_dealers_by_their_routing_id()
    {
        await using var router = new RouterSocket().Quick();
        var endpoint = router.Bind("tcp://127.0.0.1:*");
        var dealers = new[] { "d1", "d2" }.Select(id =>
        {
            var dealer = _context.Socket(Zmq.Dealer);
            dealer.SetOption(Zmq.RoutingId, id);
            dealer.Connect(endpoint);
            dealer.SendMultipart(Bytes($"hello from {id}"));
            return (id, dealer);
        }).ToList();

        var seen = new HashSet<string>();
        for (var i = 0; i < dealers.Count; i++)
        {
            using var message = await router.ReceiveWithinAsync();
            var frames = Strings(message);
            Assert.Equal(2, frames.Length);
            Assert.Equal($"hello from {frames[0]}", frames[1]);
            seen.Add(frames[0]);
        }

        Assert.Equal(["d1", "d2"], seen.Order());
        foreach (var (id, _) in dealers)
        {
            await router.SendWithinAsync(new Message(Encoding.UTF8.GetBytes(id), Encoding.UTF8.GetBytes($"to {id}")));
        }

        foreach (var (id, dealer) in dealers)
        {
            Assert.Equal([$"to {id}"], Strings(dealer.ReceiveMultipart()));
        }
    }

    public void Dispose() => _context.Dispose();
}
