using System.Collections.Concurrent;
using System.Diagnostics;
using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>libzmq test_spec_req behaviours over tcp, plus REQ's resend when its peer goes away.</summary>
public sealed class ReqSpecTests
{
    /// <summary>Spec 1: a bound REQ round-robins requests over its connected REPs.</summary>
    [Fact]
    public async Task Bound_req_round_robins_over_connected_reps()
    {
        const int Services = 5;
        await using var req = new ReqSocket().NoLinger();
        var endpoint = req.BindLocal();
        var reps = new RepSocket[Services];
        var seen = new ConcurrentQueue<string>[Services];
        using var stop = new CancellationTokenSource();
        var servers = new Task[Services];
        for (var i = 0; i < Services; i++)
        {
            reps[i] = new RepSocket().NoLinger();
            reps[i].Connect(endpoint);
            seen[i] = new ConcurrentQueue<string>();
            servers[i] = ServeAsync(reps[i], seen[i], stop.Token);
        }

        try
        {
            // A bound REQ routes only to peers whose handshake is complete: probe until every REP has
            // answered once, then all five are in the rotation.
            var start = Stopwatch.GetTimestamp();
            while (seen.Any(q => q.IsEmpty))
            {
                Assert.True(Stopwatch.GetElapsedTime(start) < Wait.Limit, "Not every REP connected.");
                await req.SendAsync("probe").Within();
                Assert.Equal("probe", await req.ReceiveStringAsync().Within());
            }

            foreach (var queue in seen)
            {
                queue.Clear();
            }

            for (var cycle = 0; cycle < Services; cycle++)
            {
                await req.SendAsync("ABC").Within();
                Assert.Equal("ABC", await req.ReceiveStringAsync().Within());
            }

            // Each REP records before it replies, so after five replies the record is complete.
            Assert.All(seen, queue => Assert.Equal(["ABC"], queue.ToArray()));
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var rep in reps)
            {
                await rep.DisposeAsync();
            }
        }
    }

    /// <summary>Spec 2: what a REQ puts on the wire, as a ROUTER sees it, and the reply it accepts.</summary>
    [Fact]
    public async Task Req_to_router_message_format()
    {
        await using var router = new RouterSocket().NoLinger();
        await using var req = new ReqSocket().NoLinger();
        req.Connect(router.BindLocal());

        await req.SendAsync(Msg("ABC", "DEF")).Within();
        var request = await router.ReceiveAsync().Within();
        Assert.Equal(4, request.Count);
        Assert.False(request[0].IsEmpty, "The routing id frame must not be empty.");
        Assert.True(request[1].IsEmpty, "A REQ puts an empty delimiter before the body.");
        Assert.Equal("ABC", request.GetString(2));
        Assert.Equal("DEF", request.GetString(3));

        var reply = new Message(request[0].ToArray());
        reply.AddEmpty();
        reply.Add("GHI");
        await router.SendAsync(reply).Within();

        var received = await req.ReceiveAsync().Within();
        Assert.Equal(["GHI"], received.Text());
    }

    /// <summary>A request whose REP goes away unanswered is answered by another REP.</summary>
    [Fact]
    public async Task Pending_request_is_answered_by_another_rep_when_its_rep_dies()
    {
        var rep1 = new RepSocket().NoLinger();
        await using var rep2 = new RepSocket().NoLinger();
        await using var req = new ReqSocket().NoLinger();
        try
        {
            req.Connect(rep1.BindLocal());
            req.Connect(rep2.BindLocal());

            // Connected endpoints take requests in connection order: one cycle each proves both are up.
            await CycleAsync(req, rep1, "c1");
            await CycleAsync(req, rep2, "c2");

            await req.SendAsync("job").Within();
            Assert.Equal("job", await rep1.ReceiveStringAsync().Within());
            var reply = req.ReceiveAsync();
            var resent = rep2.ReceiveAsync();
            await rep1.DisposeAsync().Within();

            Assert.Equal(["job"], (await resent.Within()).Text());
            await rep2.SendAsync("done by rep2").Within();
            Assert.Equal(["done by rep2"], (await reply.Within()).Text());
        }
        finally
        {
            await rep1.DisposeAsync();
        }
    }

    private static async Task CycleAsync(ReqSocket req, RepSocket rep, string text)
    {
        await req.SendAsync(text).Within();
        Assert.Equal(text, await rep.ReceiveStringAsync().Within());
        await rep.SendAsync(text + "!").Within();
        Assert.Equal(text + "!", await req.ReceiveStringAsync().Within());
    }

    private static async Task ServeAsync(RepSocket rep, ConcurrentQueue<string> seen, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                var request = await rep.ReceiveStringAsync(stop);
                seen.Enqueue(request);
                await rep.SendAsync(request, stop);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The test is over.
        }
    }
}
