using System.Diagnostics;
using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>libzmq test_spec_dealer / test_spec_router / test_router_handover behaviours over tcp.</summary>
public sealed class RoutingSpecTests
{
    /// <summary>Spec 7: a DEALER round-robins over REPs (connected endpoints: queues exist from Connect).</summary>
    [Fact]
    public async Task Dealer_round_robins_over_reps()
    {
        const int Services = 5;
        await using var dealer = new DealerSocket().NoLinger();
        var reps = new RepSocket[Services];
        try
        {
            for (var i = 0; i < Services; i++)
            {
                reps[i] = new RepSocket().NoLinger();
                dealer.Connect(reps[i].BindLocal());
            }

            for (var i = 0; i < Services; i++)
            {
                await dealer.SendAsync(Msg("", "ABC")).Within();
            }

            foreach (var rep in reps)
            {
                Assert.Equal(["ABC"], (await rep.ReceiveAsync().Within()).Text());
                await rep.SendAsync("DEF").Within();
            }

            for (var i = 0; i < Services; i++)
            {
                Assert.Equal(["", "DEF"], (await dealer.ReceiveAsync().Within()).Text());
            }
        }
        finally
        {
            foreach (var rep in reps)
            {
                if (rep is not null)
                {
                    await rep.DisposeAsync();
                }
            }
        }
    }

    /// <summary>Spec 9: a DEALER with no peer blocks.</summary>
    [Fact]
    public async Task Dealer_without_peers_blocks()
    {
        await using var dealer = new DealerSocket().NoLinger();
        Assert.False(dealer.TrySend(Msg("x")));
        Assert.Throws<TimeoutException>(() => dealer.Send(Msg("x"), TimeSpan.FromMilliseconds(250)));
        dealer.Options.SendTimeout = TimeSpan.FromMilliseconds(250);
        await Assert.ThrowsAsync<TimeoutException>(async () => await dealer.SendAsync("x").Within());
    }

    /// <summary>A PAIR with no peer blocks.</summary>
    [Fact]
    public async Task Pair_without_peer_blocks()
    {
        await using var pair = new PairSocket().NoLinger();
        pair.BindLocal();
        Assert.False(pair.TrySend(Msg("x")));
        Assert.Throws<TimeoutException>(() => pair.Send(Msg("x"), TimeSpan.FromMilliseconds(250)));
    }

    /// <summary>Spec 11 (without the settle-dependent fairness part): ids are exactly what dealers announced.</summary>
    [Fact]
    public async Task Router_prefixes_each_message_with_the_sender_id()
    {
        const int Services = 5;
        await using var router = new RouterSocket().NoLinger();
        var endpoint = router.BindLocal();
        var dealers = new DealerSocket[Services];
        try
        {
            for (var i = 0; i < Services; i++)
            {
                dealers[i] = new DealerSocket().NoLinger();
                dealers[i].Options.RoutingId = [(byte)('A' + i), 0];
                dealers[i].Connect(endpoint);
            }

            await dealers[0].SendAsync("M").Within();
            await dealers[0].SendAsync("M").Within();
            for (var n = 0; n < 2; n++)
            {
                var message = await router.ReceiveAsync().Within();
                Assert.Equal(new byte[] { (byte)'A', 0 }, message[0].ToArray());
                Assert.Equal("M", message.GetString(1));
            }

            foreach (var dealer in dealers)
            {
                await dealer.SendAsync("M").Within();
            }

            var ids = new HashSet<string>();
            for (var n = 0; n < Services; n++)
            {
                var message = await router.ReceiveAsync().Within();
                Assert.Equal(2, message.Count);
                Assert.Equal(2, message[0].Length);
                Assert.Equal("M", message.GetString(1));
                ids.Add(Convert.ToHexString(message[0].Span));
            }

            Assert.Equal(["4100", "4200", "4300", "4400", "4500"], ids.Order());
        }
        finally
        {
            foreach (var dealer in dealers)
            {
                if (dealer is not null)
                {
                    await dealer.DisposeAsync();
                }
            }
        }
    }

    /// <summary>Spec 21 (no handover): a second peer announcing an id in use is ignored.</summary>
    [Fact]
    public async Task Router_ignores_a_second_peer_with_a_taken_id()
    {
        await using var router = new RouterSocket().NoLinger();
        var endpoint = router.BindLocal();
        await using var first = new DealerSocket().NoLinger();
        first.Options.RoutingId = "X"u8.ToArray();
        first.Connect(endpoint);
        await first.SendAsync("from first").Within();
        Assert.Equal(["X", "from first"], (await router.ReceiveAsync().Within()).Text());

        await using var second = new DealerSocket().NoLinger();
        second.Options.RoutingId = "X"u8.ToArray();
        second.Connect(endpoint);
        await second.SendAsync("from second").Within();

        await router.SendAsync(Msg("X", "reply")).Within();
        Assert.Equal(["reply"], (await first.ReceiveAsync().Within()).Text());
        await first.SendAsync("first again").Within();
        Assert.Equal(["X", "first again"], (await router.ReceiveAsync().Within()).Text());
        Assert.Null(await second.ReceiveOrNullAsync(Wait.Quiet));
        Assert.Null(await router.ReceiveOrNullAsync(Wait.Quiet));
    }

    /// <summary>After a peer disconnects its id is free again and a new peer may take it.</summary>
    [Fact]
    public async Task Router_id_is_reusable_after_the_peer_leaves()
    {
        await using var router = new RouterSocket().NoLinger();
        var endpoint = router.BindLocal();
        var first = new DealerSocket().NoLinger();
        first.Options.RoutingId = "Y"u8.ToArray();
        first.Connect(endpoint);
        await first.SendAsync("1").Within();
        Assert.Equal(["Y", "1"], (await router.ReceiveAsync().Within()).Text());
        await first.DisposeAsync().Within();

        await using var second = new DealerSocket().NoLinger();
        second.Options.RoutingId = "Y"u8.ToArray();
        second.Connect(endpoint);
        await second.SendAsync("2").Within();
        Assert.Equal(["Y", "2"], (await router.ReceiveAsync().Within()).Text());

        // The router may see the new connection before the old one's end; keep replying until it arrives.
        var start = Stopwatch.GetTimestamp();
        Message? reply = null;
        while (reply is null)
        {
            Assert.True(Stopwatch.GetElapsedTime(start) < Wait.Limit, "Replies to Y never reached the new peer.");
            await router.SendAsync(Msg("Y", "to second")).Within();
            reply = await second.ReceiveOrNullAsync(TimeSpan.FromMilliseconds(50));
        }

        Assert.Equal(["to second"], reply.Text());
    }
}
