using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests.Options;

/// <summary>ROUTER_MANDATORY (#20), ROUTER_HANDOVER (#21), PROBE_ROUTER (#22) and CONNECT_ROUTING_ID.</summary>
public sealed class RouterOptionsTests
{
    [Fact]
    public async Task Mandatory_router_fails_unknown_ids_with_host_unreachable()
    {
        await using var router = new RouterSocket().NoLinger();
        router.Options.RouterMandatory = true;
        router.BindLocal();

        var async = await Assert.ThrowsAsync<ZmtpException>(() => router.SendAsync(Msg("nobody", "x")).AsTask());
        Assert.Equal(ZmtpError.HostUnreachable, async.Error);
        Assert.Equal(ZmtpError.HostUnreachable, Assert.Throws<ZmtpException>(() => router.TrySend(Msg("nobody", "x"))).Error);
        Assert.Equal(ZmtpError.HostUnreachable, Assert.Throws<ZmtpException>(() => router.Send(Msg("nobody", "x"), TimeSpan.FromSeconds(1))).Error);

        // No peer has room, so POLLOUT is off.
        Assert.False(router.Events.HasFlag(PollEvents.Out));
    }

    [Fact]
    public async Task Mandatory_router_reports_a_known_peer_and_out_while_it_has_room()
    {
        await using var router = new RouterSocket().NoLinger();
        router.Options.RouterMandatory = true;
        await using var dealer = new DealerSocket().NoLinger();
        dealer.Options.RoutingId = "D"u8.ToArray();
        dealer.Connect(router.BindLocal());
        await dealer.SendAsync("hi").Within();
        Assert.Equal(["D", "hi"], (await router.ReceiveAsync().Within()).Text());

        Assert.True(router.Events.HasFlag(PollEvents.Out));
        Assert.True(router.TrySend(Msg("D", "ok")));
        Assert.Equal("ok", await dealer.ReceiveStringAsync().Within());
    }

    /// <summary>#20: a full peer makes a mandatory ROUTER wait (TrySend false, Send times out) instead of
    /// dropping, with no POLLOUT; once the peer reads there is room again and nothing was lost.</summary>
    [Fact]
    public async Task Mandatory_router_waits_for_a_full_peer_instead_of_dropping()
    {
        await using var context = new ZmtpContext();
        var router = new RouterSocket(context).NoLinger();
        router.Options.RouterMandatory = true;
        router.Options.SendHighWatermark = 1;
        var dealer = new DealerSocket(context).NoLinger();
        dealer.Options.ReceiveHighWatermark = 1;
        dealer.Options.RoutingId = "D"u8.ToArray();
        var endpoint = $"inproc://mandatory-{Guid.NewGuid():N}";
        router.Bind(endpoint);
        dealer.Connect(endpoint);
        await dealer.SendAsync("hi").Within();
        await router.ReceiveAsync().Within();

        var accepted = 0;
        var full = false;
        while (accepted < 100 && !full)
        {
            try
            {
                router.Send(Msg("D", $"m{accepted}"), TimeSpan.FromMilliseconds(300));
                accepted++;
            }
            catch (TimeoutException)
            {
                full = true;
            }
        }

        Assert.True(full, "A mandatory ROUTER never waited for its full peer.");
        Assert.False(router.TrySend(Msg("D", "extra")), "TrySend must report the full peer.");
        Assert.False(router.Events.HasFlag(PollEvents.Out), "No peer has room: no POLLOUT.");

        Assert.Equal("m0", await dealer.ReceiveStringAsync().Within());
        await Wait.UntilAsync(() => router.Events.HasFlag(PollEvents.Out), "the mandatory ROUTER reports room again");
        await router.SendAsync(Msg("D", "last")).Within();
        for (var i = 1; i < accepted; i++)
        {
            Assert.Equal($"m{i}", await dealer.ReceiveStringAsync().Within());
        }

        Assert.Equal("last", await dealer.ReceiveStringAsync().Within());
    }

    /// <summary>#21 without handover: a second connection announcing an id in use is ignored.</summary>
    [Fact]
    public async Task Without_handover_a_duplicate_id_is_ignored()
    {
        await using var router = new RouterSocket().NoLinger();
        var accepted = router.StartMonitor(SocketEventType.Accepted);
        var endpoint = router.BindLocal();
        await using var first = new DealerSocket().NoLinger();
        first.Options.RoutingId = "X"u8.ToArray();
        first.Connect(endpoint);
        await first.SendAsync("from first").Within();
        Assert.Equal(["X", "from first"], (await router.ReceiveAsync().Within()).Text());
        await accepted.ReadAsync().AsTask().Within();

        await using var second = new DealerSocket().NoLinger();
        second.Options.RoutingId = "X"u8.ToArray();
        second.Connect(endpoint);
        await second.SendAsync("from second").Within();
        await accepted.ReadAsync().AsTask().Within();

        Assert.Null(await router.ReceiveOrNullAsync(Wait.Quiet));
        await router.SendAsync(Msg("X", "reply")).Within();
        Assert.Equal("reply", await first.ReceiveStringAsync().Within());
        Assert.Null(await second.ReceiveOrNullAsync(Wait.Quiet));
    }

    /// <summary>#21 with handover: the second connection takes the id; the first gets nothing more.</summary>
    [Fact]
    public async Task With_handover_the_new_connection_takes_the_id()
    {
        await using var router = new RouterSocket().NoLinger();
        router.Options.RouterHandover = true;
        var endpoint = router.BindLocal();
        await using var first = new DealerSocket().NoLinger();
        first.Options.RoutingId = "X"u8.ToArray();

        // Without reconnection the first DEALER cannot come back and take the id again.
        first.Options.ReconnectInterval = Timeout.InfiniteTimeSpan;
        first.Connect(endpoint);
        await first.SendAsync("from first").Within();
        Assert.Equal(["X", "from first"], (await router.ReceiveAsync().Within()).Text());

        await using var second = new DealerSocket().NoLinger();
        second.Options.RoutingId = "X"u8.ToArray();
        second.Connect(endpoint);
        await second.SendAsync("from second").Within();
        Assert.Equal(["X", "from second"], (await router.ReceiveAsync().Within()).Text());

        await router.SendAsync(Msg("X", "reply")).Within();
        Assert.Equal("reply", await second.ReceiveStringAsync().Within());
        Assert.Null(await first.ReceiveOrNullAsync(Wait.Quiet));
    }

    /// <summary>#22: a probing DEALER's first message is empty, so the ROUTER sees [id, ""] at once.</summary>
    [Fact]
    public async Task Probe_router_from_dealer_arrives_first()
    {
        await using var router = new RouterSocket().NoLinger();
        await using var dealer = new DealerSocket().NoLinger();
        dealer.Options.RoutingId = "probe"u8.ToArray();
        dealer.Options.ProbeRouter = true;
        dealer.Connect(router.BindLocal());

        Assert.Equal(["probe", ""], (await router.ReceiveAsync().Within()).Text());
        await dealer.SendAsync("data").Within();
        Assert.Equal(["probe", "data"], (await router.ReceiveAsync().Within()).Text());
    }

    [Fact]
    public async Task Probe_router_from_req_arrives_before_its_request()
    {
        await using var router = new RouterSocket().NoLinger();
        await using var req = new ReqSocket().NoLinger();
        req.Options.RoutingId = "R"u8.ToArray();
        req.Options.ProbeRouter = true;
        req.Connect(router.BindLocal());

        Assert.Equal(["R", ""], (await router.ReceiveAsync().Within()).Text());
        await req.SendAsync("question").Within();
        Assert.Equal(["R", "", "question"], (await router.ReceiveAsync().Within()).Text());
        await router.SendAsync(Msg("R", "", "answer")).Within();
        Assert.Equal("answer", await req.ReceiveStringAsync().Within());
    }

    /// <summary>#22: a probing ROUTER client without an id is named by the server with a generated id.</summary>
    [Fact]
    public async Task Probe_router_from_router_client_gets_a_generated_id()
    {
        await using var server = new RouterSocket().NoLinger();
        await using var client = new RouterSocket().NoLinger();
        client.Options.ProbeRouter = true;
        client.Connect(server.BindLocal());

        var probe = await server.ReceiveAsync().Within();
        Assert.Equal(2, probe.Count);
        Assert.Equal(5, probe[0].Length);
        Assert.Equal(0, probe[0].Span[0]);
        Assert.True(probe[1].IsEmpty);
    }

    /// <summary>CONNECT_ROUTING_ID names the peer of the next connect, so a ROUTER can send to it at once.</summary>
    [Fact]
    public async Task Connect_routing_id_lets_a_router_address_its_peer_immediately()
    {
        await using var server = new RouterSocket().NoLinger();
        var endpoint = server.BindLocal();
        await using var client = new RouterSocket().NoLinger();
        client.Options.RoutingId = "client"u8.ToArray();
        client.Options.RouterMandatory = true;
        client.Options.ConnectRoutingId = "srv"u8.ToArray();
        client.Connect(endpoint);
        Assert.Null(client.Options.ConnectRoutingId);

        // No handshake needed: the id is known from the connect on.
        Assert.True(client.TrySend(Msg("srv", "hello")));
        Assert.Equal(["client", "hello"], (await server.ReceiveAsync().Within()).Text());
        await server.SendAsync(Msg("client", "back")).Within();
        Assert.Equal(["srv", "back"], (await client.ReceiveAsync().Within()).Text());
    }
}
