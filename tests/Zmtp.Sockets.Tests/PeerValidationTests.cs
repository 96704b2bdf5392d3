using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>Peers that break limits or do not match the socket type are dropped without harming others.</summary>
public sealed class PeerValidationTests
{
    [Fact]
    public async Task Oversized_message_is_not_delivered_and_other_peers_still_are()
    {
        await using var pull = new PullSocket().NoLinger();
        pull.Options.MaxMessageSize = 100;
        var endpoint = pull.BindLocal();

        await using var big = new PushSocket().NoLinger();
        big.Connect(endpoint);
        await big.SendAsync(new byte[1000]).Within();

        // A frame of exactly the limit is fine.
        await using var small = new PushSocket().NoLinger();
        small.Connect(endpoint);
        await small.SendAsync(new byte[100]).Within();
        await small.SendAsync("small").Within();

        var first = await pull.ReceiveAsync().Within();
        Assert.Equal(100, Assert.Single(first).Length);
        Assert.Equal(["small"], (await pull.ReceiveAsync().Within()).Text());
        Assert.Null(await pull.ReceiveOrNullAsync(Wait.Quiet));
    }

    [Fact]
    public async Task Incompatible_peer_is_refused_and_the_rep_keeps_serving()
    {
        await using var rep = new RepSocket().NoLinger();
        var endpoint = rep.BindLocal();

        // Shaped like a request, so it would be delivered if the PUSH were accepted.
        await using var push = new PushSocket().NoLinger();
        push.Connect(endpoint);
        await push.SendAsync(Msg("", "bad")).Within();

        await using var req = new ReqSocket().NoLinger();
        req.Connect(endpoint);
        for (var i = 0; i < 3; i++)
        {
            await req.SendAsync($"good {i}").Within();
            Assert.Equal([$"good {i}"], (await rep.ReceiveAsync().Within()).Text());
            await rep.SendAsync($"reply {i}").Within();
            Assert.Equal($"reply {i}", await req.ReceiveStringAsync().Within());
        }

        Assert.Null(await rep.ReceiveOrNullAsync(Wait.Quiet));
    }

    [Fact]
    public async Task Dealer_is_not_a_valid_peer_for_pull()
    {
        await using var pull = new PullSocket().NoLinger();
        await using var push = new PushSocket().NoLinger();
        var endpoint = pull.BindLocal();
        await using var dealer = new DealerSocket().NoLinger();
        dealer.Connect(endpoint);
        push.Connect(endpoint);

        for (var i = 0; i < 5; i++)
        {
            await dealer.SendAsync("from dealer").Within();
        }

        await push.SendAsync("from push").Within();
        Assert.Equal("from push", await pull.ReceiveStringAsync().Within());
        Assert.Null(await pull.ReceiveOrNullAsync(Wait.Quiet));
    }
}
