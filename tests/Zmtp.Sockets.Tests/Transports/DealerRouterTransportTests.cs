using System.Diagnostics;
using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests.Transports;

/// <summary>DEALER, ROUTER and PAIR pairings, identical over tcp, ipc and inproc.</summary>
public sealed class DealerRouterTransportTests
{
    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Dealer_router_routing_ids_both_directions(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var router = t.Open(c => new RouterSocket(c));
        var endpoint = t.Bind(router);
        var named = t.Open(c => new DealerSocket(c));
        named.Options.RoutingId = "D1"u8.ToArray();
        named.Connect(endpoint);
        var anonymous = t.Open(c => new DealerSocket(c));
        anonymous.Connect(endpoint);

        await named.SendAsync(Msg("from", "named")).Within();
        Assert.Equal(["D1", "from", "named"], (await router.ReceiveAsync().Within()).Text());
        await anonymous.SendAsync("from anonymous").Within();
        var generated = await router.ReceiveAsync().Within();
        Assert.Equal("from anonymous", generated.GetString(1));

        // A peer without an Identity gets a 5-byte id: a zero byte, then a counter.
        var id = generated[0].ToArray();
        Assert.Equal(5, id.Length);
        Assert.Equal(0, id[0]);

        await router.SendAsync(new Message().Add(id).Add("to anonymous")).Within();
        await router.SendAsync(Msg("D1", "to", "named")).Within();
        Assert.Equal(["to", "named"], (await named.ReceiveAsync().Within()).Text());
        Assert.Equal(["to anonymous"], (await anonymous.ReceiveAsync().Within()).Text());
    }

    /// <summary>ROUTER to ROUTER with identities on both sides: the connecting side learns the bound side's
    /// id from the handshake and can then address it.</summary>
    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Router_to_router_with_identities(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var server = t.Open(c => new RouterSocket(c));
        server.Options.RoutingId = "server"u8.ToArray();
        var endpoint = t.Bind(server);
        var client = t.Open(c => new RouterSocket(c));
        client.Options.RoutingId = "client"u8.ToArray();
        client.Options.RouterMandatory = true;
        client.Connect(endpoint);

        // Until the handshake completes the server's id is unknown: ROUTER_MANDATORY says so.
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                await client.SendAsync(Msg("server", "hello")).Within();
                break;
            }
            catch (ZmtpException ex) when (ex.Error == ZmtpError.HostUnreachable)
            {
                Assert.True(Stopwatch.GetElapsedTime(start) < Wait.Limit, "The client never learned the server's routing id.");
                await Task.Delay(10);
            }
        }

        Assert.Equal(["client", "hello"], (await server.ReceiveAsync().Within()).Text());
        await server.SendAsync(Msg("client", "welcome", "back")).Within();
        Assert.Equal(["server", "welcome", "back"], (await client.ReceiveAsync().Within()).Text());
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Dealer_to_dealer_both_directions(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var a = t.Open(c => new DealerSocket(c));
        var b = t.Open(c => new DealerSocket(c));
        b.Connect(t.Bind(a));

        await b.SendAsync(Msg("", "x", "")).Within();
        Assert.Equal(["", "x", ""], (await a.ReceiveAsync().Within()).Text());
        await a.SendAsync(Msg("y", "z")).Within();
        Assert.Equal(["y", "z"], (await b.ReceiveAsync().Within()).Text());
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Pair_to_pair_both_directions_in_order(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var a = t.Open(c => new PairSocket(c));
        var b = t.Open(c => new PairSocket(c));
        b.Connect(t.Bind(a));

        for (var i = 0; i < 50; i++)
        {
            await b.SendAsync($"b{i}").Within();
            await a.SendAsync(Msg($"a{i}", "tail")).Within();
        }

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal([$"b{i}"], (await a.ReceiveAsync().Within()).Text());
            Assert.Equal([$"a{i}", "tail"], (await b.ReceiveAsync().Within()).Text());
        }
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Dealer_connected_before_router_binds(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var endpoint = t.FreshEndpoint();
        var dealer = t.Open(c => new DealerSocket(c));
        dealer.Options.RoutingId = "early"u8.ToArray();
        dealer.Connect(endpoint);
        await dealer.SendAsync("queued").Within();

        var router = t.Open(c => new RouterSocket(c));
        router.Bind(endpoint);
        Assert.Equal(["early", "queued"], (await router.ReceiveAsync().Within()).Text());
        await router.SendAsync(Msg("early", "answer")).Within();
        Assert.Equal("answer", await dealer.ReceiveStringAsync().Within());
    }
}
