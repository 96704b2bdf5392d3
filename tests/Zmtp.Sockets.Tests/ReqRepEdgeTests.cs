using System.Diagnostics;
using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>REQ/REP corner cases: wrong-peer replies, malformed messages, vanished peers, no peers.</summary>
public sealed class ReqRepEdgeTests
{
    /// <summary>Spec 3: a REQ without peers blocks on send.</summary>
    [Fact]
    public async Task Req_without_peers_blocks()
    {
        await using var req = new ReqSocket().NoLinger();
        Assert.False(req.TrySend(Msg("x")));
        Assert.Throws<TimeoutException>(() => req.Send(Msg("x"), TimeSpan.FromMilliseconds(250)));

        // A failed send leaves the REQ ready to send, not waiting for a reply.
        Assert.Throws<InvalidOperationException>(() => req.TryReceive(out _));
    }

    /// <summary>Spec 4 (RFC 28): a REQ accepts a reply only from the peer its request went to.</summary>
    [Fact]
    public async Task Req_ignores_replies_from_other_peers()
    {
        const int Services = 3;
        await using var req = new ReqSocket().NoLinger();
        req.Options.RoutingId = "A"u8.ToArray();
        var endpoint = req.BindLocal();
        var routers = new RouterSocket[Services];
        try
        {
            for (var i = 0; i < Services; i++)
            {
                routers[i] = new RouterSocket().NoLinger();
                routers[i].Connect(endpoint);
            }

            // Probe until every ROUTER has served once: then all are connected and know the REQ as "A".
            var served = new bool[Services];
            var start = Stopwatch.GetTimestamp();
            while (served.Any(s => !s))
            {
                Assert.True(Stopwatch.GetElapsedTime(start) < Wait.Limit, "Not every ROUTER connected.");
                await req.SendAsync("probe").Within();
                var index = await ServeAsync(routers, "probe-reply");
                served[index] = true;
                Assert.Equal("probe-reply", await req.ReceiveStringAsync().Within());
            }

            for (var round = 0; round < Services; round++)
            {
                await req.SendAsync("ABC").Within();
                var (index, request) = await FindRequestAsync(routers);
                Assert.Equal(["A", "", "ABC"], request.Text());
                for (var other = 0; other < Services; other++)
                {
                    if (other != index)
                    {
                        await routers[other].SendAsync(Msg("A", "", "WRONG")).Within();
                    }
                }

                Assert.Null(await req.ReceiveOrNullAsync(Wait.Quiet));
                await routers[index].SendAsync(Msg("A", "", "GOOD")).Within();
                Assert.Equal(["GOOD"], (await req.ReceiveAsync().Within()).Text());
            }
        }
        finally
        {
            foreach (var router in routers)
            {
                if (router is not null)
                {
                    await router.DisposeAsync();
                }
            }
        }
    }

    /// <summary>Spec 27: a ROUTER "reply" of just an id is dropped; the valid one that follows arrives.</summary>
    [Fact]
    public async Task Router_drops_an_id_only_reply_to_a_req()
    {
        await using var router = new RouterSocket().NoLinger();
        await using var req = new ReqSocket().NoLinger();
        req.Connect(router.BindLocal());
        await req.SendAsync("a").Within();
        var request = await router.ReceiveAsync().Within();
        var id = request[0].ToArray();

        await router.SendAsync(new Message(id)).Within();
        await router.SendAsync(new Message(id, Array.Empty<byte>(), "b"u8.ToArray())).Within();
        Assert.Equal(["b"], (await req.ReceiveAsync().Within()).Text());
    }

    /// <summary>A request without an empty delimiter is not a request: REP discards it.</summary>
    [Fact]
    public async Task Rep_discards_requests_without_delimiter()
    {
        await using var rep = new RepSocket().NoLinger();
        await using var dealer = new DealerSocket().NoLinger();
        dealer.Connect(rep.BindLocal());

        await dealer.SendAsync(Msg("no", "delimiter")).Within();
        await dealer.SendAsync(Msg("only-envelope", "")).Within();
        await dealer.SendAsync(Msg("", "B")).Within();
        Assert.Equal(["B"], (await rep.ReceiveAsync().Within()).Text());
        await rep.SendAsync("ok").Within();
        Assert.Equal(["", "ok"], (await dealer.ReceiveAsync().Within()).Text());
    }

    /// <summary>Spec 5: a REP serves whichever REQ asks, each getting its own reply.</summary>
    [Fact]
    public async Task Rep_serves_requesters_in_turn_and_drops_replies_to_vanished_ones()
    {
        await using var rep = new RepSocket().NoLinger();
        var endpoint = rep.BindLocal();
        var gone = new ReqSocket().NoLinger();
        await using var stays = new ReqSocket().NoLinger();
        try
        {
            gone.Connect(endpoint);
            stays.Connect(endpoint);

            await gone.SendAsync("from gone").Within();
            Assert.Equal("from gone", await rep.ReceiveStringAsync().Within());
            await gone.DisposeAsync().Within();

            // The requester is gone: the reply is dropped without error, and the REP may receive again.
            await rep.SendAsync("nobody hears this").Within();

            for (var i = 0; i < 2; i++)
            {
                await stays.SendAsync($"from stays {i}").Within();
                Assert.Equal($"from stays {i}", await rep.ReceiveStringAsync().Within());
                await rep.SendAsync($"reply {i}").Within();
                Assert.Equal($"reply {i}", await stays.ReceiveStringAsync().Within());
            }
        }
        finally
        {
            await gone.DisposeAsync();
        }
    }

    /// <summary>The pending request reaches the REP that comes back on the same endpoint.</summary>
    [Fact]
    public async Task Pending_request_is_resent_when_the_same_endpoint_comes_back()
    {
        await using var req = new ReqSocket().NoLinger();
        var rep1 = new RepSocket().NoLinger();
        string endpoint;
        try
        {
            endpoint = rep1.BindLocal();
            req.Connect(endpoint);
            await req.SendAsync("job").Within();
            Assert.Equal("job", await rep1.ReceiveStringAsync().Within());
        }
        finally
        {
            await rep1.DisposeAsync();
        }

        var reply = req.ReceiveAsync();
        await using var rep2 = new RepSocket().NoLinger();
        await BindWhenFreeAsync(rep2, endpoint);

        Assert.Equal("job", await rep2.ReceiveStringAsync().Within());
        await rep2.SendAsync("done").Within();
        Assert.Equal(["done"], (await reply.Within()).Text());
    }

    /// <summary>A reply that arrived before its peer went away answers the request: it is not sent again to
    /// the REP that comes back (found as a close that waited out its linger for the needless copy).</summary>
    [Fact]
    public async Task An_answered_request_is_not_resent_when_its_peer_goes_before_the_reply_is_taken()
    {
        await using var req = new ReqSocket().NoLinger();
        var events = req.StartMonitor(SocketEventType.Disconnected);
        var rep1 = new RepSocket();
        string endpoint;
        try
        {
            endpoint = rep1.BindLocal();
            req.Connect(endpoint);
            await req.SendAsync("job").Within();
            Assert.Equal("job", await rep1.ReceiveStringAsync().Within());
            await rep1.SendAsync("done").Within();
        }
        finally
        {
            await rep1.DisposeAsync(); // lingers until the reply is written, then closes
        }

        // Only once the REQ has seen the connection go does the application take the reply.
        Assert.Equal(SocketEventType.Disconnected, (await events.ReadAsync().AsTask().WaitAsync(Wait.Limit)).Type);
        Assert.Equal(["done"], (await req.ReceiveAsync().Within()).Text());

        await using var rep2 = new RepSocket().NoLinger();
        await BindWhenFreeAsync(rep2, endpoint);

        // The first request the new REP sees is the next one, not a copy of the answered one.
        await req.SendAsync("next").Within();
        Assert.Equal("next", await rep2.ReceiveStringAsync().Within());
    }

    /// <summary>Before its reply arrives, a REQ's non-waiting receive just finds nothing.</summary>
    [Fact]
    public async Task Req_try_receive_before_the_reply_returns_false()
    {
        await using var rep = new RepSocket().NoLinger();
        await using var req = new ReqSocket().NoLinger();
        req.Connect(rep.BindLocal());
        await req.SendAsync("q").Within();
        Assert.False(req.TryReceive(out _));
        Assert.Equal("q", await rep.ReceiveStringAsync().Within());
        await rep.SendAsync("a").Within();
        Assert.Equal("a", await req.ReceiveStringAsync().Within());
    }

    private static async Task<int> ServeAsync(RouterSocket[] routers, string reply)
    {
        var (index, request) = await FindRequestAsync(routers);
        await routers[index].SendAsync(new Message(request[0].ToArray(), Array.Empty<byte>(), System.Text.Encoding.UTF8.GetBytes(reply))).Within();
        return index;
    }

    /// <summary>Polls the ROUTERs until one has a request; bounded.</summary>
    private static async Task<(int Index, Message Request)> FindRequestAsync(RouterSocket[] routers)
    {
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < Wait.Limit)
        {
            for (var i = 0; i < routers.Length; i++)
            {
                if (routers[i].TryReceive(out var request))
                {
                    return (i, request);
                }
            }

            await Task.Delay(5);
        }

        throw new TimeoutException("No ROUTER received the request.");
    }

    /// <summary>Binds to an endpoint the previous socket has just left (its port may take a moment to free).</summary>
    private static async Task BindWhenFreeAsync(ZmtpSocket socket, string endpoint)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                socket.Bind(endpoint);
                return;
            }
            catch (ZmtpException ex) when (ex.Error == ZmtpError.AddressInUse && Stopwatch.GetElapsedTime(start) < Wait.Limit)
            {
                await Task.Delay(50);
            }
        }
    }
}
