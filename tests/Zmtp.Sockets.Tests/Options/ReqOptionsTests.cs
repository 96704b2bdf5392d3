using System.Buffers.Binary;
using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests.Options;

/// <summary>REQ_CORRELATE (#18) and REQ_RELAXED (#19).</summary>
public sealed class ReqOptionsTests
{
    /// <summary>#18: the ROUTER sees [id, request id, "", body]; a reply with another request id is dropped.</summary>
    [Fact]
    public async Task Correlate_prefixes_a_request_id_and_drops_mismatched_replies()
    {
        await using var router = new RouterSocket().NoLinger();
        await using var req = new ReqSocket().NoLinger();
        req.Options.RequestCorrelate = true;
        req.Connect(router.BindLocal());

        await req.SendAsync(Msg("ABC", "DEF")).Within();
        var request = await router.ReceiveAsync().Within();
        Assert.Equal(5, request.Count);
        var peer = request[0].ToArray();
        var requestId = request[1].ToArray();
        Assert.Equal(4, requestId.Length);
        Assert.True(request[2].IsEmpty);
        Assert.Equal(["ABC", "DEF"], request.Text()[3..]);

        var wrongId = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(wrongId, BinaryPrimitives.ReadUInt32LittleEndian(requestId) + 1);
        await router.SendAsync(new Message().Add(peer).Add(wrongId).AddEmpty().Add("WRONG")).Within();
        await router.SendAsync(new Message().Add(peer).Add(requestId).AddEmpty().Add("GHI")).Within();
        Assert.Equal(["GHI"], (await req.ReceiveAsync().Within()).Text());
    }

    [Fact]
    public async Task Correlate_ids_differ_between_requests()
    {
        await using var router = new RouterSocket().NoLinger();
        await using var req = new ReqSocket().NoLinger();
        req.Options.RequestCorrelate = true;
        req.Connect(router.BindLocal());

        var ids = new List<uint>();
        for (var i = 0; i < 3; i++)
        {
            await req.SendAsync($"q{i}").Within();
            var request = await router.ReceiveAsync().Within();
            ids.Add(BinaryPrimitives.ReadUInt32LittleEndian(request[1].Span));
            await router.SendAsync(new Message().Add(request[0].ToArray()).Add(request[1].ToArray()).AddEmpty().Add($"r{i}")).Within();
            Assert.Equal($"r{i}", await req.ReceiveStringAsync().Within());
        }

        // libzmq increments the id per request.
        Assert.Equal(ids[0] + 1, ids[1]);
        Assert.Equal(ids[1] + 1, ids[2]);
    }

    /// <summary>#19 parts 1 to 3, with five REPs the REQ connected in order (its round-robin order).</summary>
    [Fact]
    public async Task Relaxed_abandons_pending_requests_and_discards_their_replies()
    {
        await using var context = new ZmtpContext();
        var req = new ReqSocket(context).NoLinger();
        req.Options.RequestRelaxed = true;
        req.Options.RequestCorrelate = true;
        var reps = new RepSocket[5];
        for (var i = 0; i < reps.Length; i++)
        {
            reps[i] = new RepSocket(context).NoLinger();
            req.Connect(reps[i].BindLocal());
        }

        // (1) A second request before any reply: still POLLOUT; REP 0's late reply is discarded.
        await req.SendAsync("A").Within();
        Assert.Equal("A", await reps[0].ReceiveStringAsync().Within());
        Assert.True(req.Events.HasFlag(PollEvents.Out), "A relaxed REQ waiting for a reply can still send.");
        await req.SendAsync("B").Within();
        await reps[0].SendAsync("WRONG").Within();
        Assert.Equal("B", await reps[1].ReceiveStringAsync().Within());
        await reps[1].SendAsync("OK").Within();
        Assert.Equal("OK", await req.ReceiveStringAsync().Within());

        // A normal cycle follows, with the next REP.
        await req.SendAsync("C").Within();
        Assert.Equal("C", await reps[2].ReceiveStringAsync().Within());
        await reps[2].SendAsync("C-reply").Within();
        Assert.Equal("C-reply", await req.ReceiveStringAsync().Within());

        // (2) A reply already queued but unread is discarded when a new request is sent.
        await req.SendAsync("D").Within();
        Assert.Equal("D", await reps[3].ReceiveStringAsync().Within());
        await reps[3].SendAsync("STALE").Within();
        await Wait.UntilAsync(() => req.Events.HasFlag(PollEvents.In), "the REQ holds the unread reply");
        await req.SendAsync("E").Within();
        Assert.Equal("E", await reps[4].ReceiveStringAsync().Within());
        await reps[4].SendAsync("FRESH").Within();
        Assert.Equal("FRESH", await req.ReceiveStringAsync().Within());

        // (3) Abandoning a request did not close REP 0's pipe: the rotation comes back to it.
        await req.SendAsync("F").Within();
        Assert.Equal("F", await reps[0].ReceiveStringAsync().Within());
        await reps[0].SendAsync("F-reply").Within();
        Assert.Equal("F-reply", await req.ReceiveStringAsync().Within());
    }

    [Fact]
    public async Task Strict_req_refuses_a_second_request()
    {
        await using var rep = new RepSocket().NoLinger();
        await using var req = new ReqSocket().NoLinger();
        req.Connect(rep.BindLocal());
        await req.SendAsync("one").Within();
        Assert.False(req.Events.HasFlag(PollEvents.Out));
        Assert.Throws<InvalidOperationException>(() => req.TrySend(Msg("two")));
    }
}
