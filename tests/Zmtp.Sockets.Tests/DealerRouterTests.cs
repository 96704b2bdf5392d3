using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>DEALER and ROUTER: routing ids, generated ids, and unroutable messages.</summary>
public sealed class DealerRouterTests
{
    [Fact]
    public async Task Router_sees_the_dealer_routing_id_and_replies_by_it()
    {
        await using var router = new RouterSocket().NoLinger();
        await using var dealer = new DealerSocket().NoLinger();
        dealer.Options.RoutingId = "D1"u8.ToArray();
        dealer.Connect(router.BindLocal());

        await dealer.SendAsync(Msg("hello", "world")).Within();
        Assert.Equal(["D1", "hello", "world"], (await router.ReceiveAsync().Within()).Text());

        await router.SendAsync(Msg("D1", "back", "")).Within();
        Assert.Equal(["back", ""], (await dealer.ReceiveAsync().Within()).Text());
    }

    [Fact]
    public async Task Router_generates_a_five_byte_id_starting_with_zero()
    {
        await using var router = new RouterSocket().NoLinger();
        var endpoint = router.BindLocal();
        await using var dealer1 = new DealerSocket().NoLinger();
        await using var dealer2 = new DealerSocket().NoLinger();
        dealer1.Connect(endpoint);
        dealer2.Connect(endpoint);

        await dealer1.SendAsync("one").Within();
        var first = await router.ReceiveAsync().Within();
        await dealer2.SendAsync("two").Within();
        var second = await router.ReceiveAsync().Within();

        var ids = new Dictionary<string, byte[]>
        {
            [first.GetString(1)] = first[0].ToArray(),
            [second.GetString(1)] = second[0].ToArray(),
        };
        Assert.All(ids.Values, id =>
        {
            Assert.Equal(5, id.Length);
            Assert.Equal(0, id[0]);
        });
        Assert.NotEqual(ids["one"], ids["two"]);

        // Each generated id addresses its own peer.
        await router.SendAsync(new Message(ids["two"], "to two"u8.ToArray())).Within();
        await router.SendAsync(new Message(ids["one"], "to one"u8.ToArray())).Within();
        Assert.Equal("to one", await dealer1.ReceiveStringAsync().Within());
        Assert.Equal("to two", await dealer2.ReceiveStringAsync().Within());
    }

    [Fact]
    public async Task Router_drops_messages_for_unknown_ids_silently()
    {
        await using var router = new RouterSocket().NoLinger();
        await using var dealer = new DealerSocket().NoLinger();
        dealer.Options.RoutingId = "known"u8.ToArray();
        dealer.Connect(router.BindLocal());
        await dealer.SendAsync("hi").Within();
        Assert.Equal(["known", "hi"], (await router.ReceiveAsync().Within()).Text());

        await router.SendAsync(Msg("nobody", "lost")).Within();
        Assert.True(router.TrySend(Msg("nobody", "lost too")));
        router.Send(Msg("nobody", "lost three"), TimeSpan.FromSeconds(1));

        // An id frame without a body is dropped as well.
        await router.SendAsync(Msg("known")).Within();

        await router.SendAsync(Msg("known", "delivered")).Within();
        Assert.Equal(["delivered"], (await dealer.ReceiveAsync().Within()).Text());
        Assert.Null(await dealer.ReceiveOrNullAsync(Wait.Quiet));
    }

    [Fact]
    public async Task Dealer_to_dealer_round_trip()
    {
        await using var a = new DealerSocket().NoLinger();
        await using var b = new DealerSocket().NoLinger();
        b.Connect(a.BindLocal());

        await b.SendAsync(Msg("", "x", "")).Within();
        Assert.Equal(["", "x", ""], (await a.ReceiveAsync().Within()).Text());
        await a.SendAsync("y").Within();
        Assert.Equal(["y"], (await b.ReceiveAsync().Within()).Text());
    }
}
