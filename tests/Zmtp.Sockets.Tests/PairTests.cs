using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>PAIR: one peer, both directions; later peers are refused while the first is connected.</summary>
public sealed class PairTests
{
    [Fact]
    public async Task Pair_talks_both_ways()
    {
        await using var a = new PairSocket().NoLinger();
        await using var b = new PairSocket().NoLinger();
        b.Connect(a.BindLocal());

        await b.SendAsync(Msg("from b", "")).Within();
        Assert.Equal(["from b", ""], (await a.ReceiveAsync().Within()).Text());
        await a.SendAsync(Msg("from a")).Within();
        Assert.Equal(["from a"], (await b.ReceiveAsync().Within()).Text());
    }

    [Fact]
    public async Task Second_pair_gets_nothing_while_the_first_is_connected()
    {
        await using var a = new PairSocket().NoLinger();
        var endpoint = a.BindLocal();
        await using var first = new PairSocket().NoLinger();
        first.Connect(endpoint);

        // The first peer is attached once a message from it has arrived.
        await first.SendAsync("hello").Within();
        Assert.Equal("hello", await a.ReceiveStringAsync().Within());

        await using var second = new PairSocket().NoLinger();
        second.Connect(endpoint);
        await second.SendAsync("intruder").Within();

        for (var i = 0; i < 3; i++)
        {
            await a.SendAsync($"to first {i}").Within();
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"to first {i}", await first.ReceiveStringAsync().Within());
        }

        await first.SendAsync("still first").Within();
        Assert.Equal("still first", await a.ReceiveStringAsync().Within());
        Assert.Null(await second.ReceiveOrNullAsync(Wait.Quiet));
        Assert.Null(await a.ReceiveOrNullAsync(Wait.Quiet));
    }
}
