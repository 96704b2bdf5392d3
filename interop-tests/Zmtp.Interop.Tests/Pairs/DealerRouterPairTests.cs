using static Zmtp.Interop.Tests.Sockets.InteropAssert;
using Zmtp.Interop.Tests.Support;

namespace Zmtp.Interop.Tests.Pairs;

/// <summary>DEALER↔ROUTER with libzmq: the ROUTER sees the DEALER's set routing id and routes replies back by it.</summary>
public sealed class DealerRouterPairTests
{
    private const string DealerId = "dealer-7";

    [Theory]
    [MemberData(nameof(PairMatrix.BothSides), MemberType = typeof(PairMatrix))]
    public async Task Router_sees_the_dealer_routing_id_and_replies_reach_the_dealer(OurSide ours, OurRole role, TransportCase transport)
    {
        await using var link = await PairLink.OpenAsync(
            ZmtpSocketType.Dealer, ZmtpSocketType.Router, ours, role, transport, configureA: dealer => dealer.SetRoutingId(DealerId));
        var (dealer, router) = (link.A, link.B);

        await dealer.SendAsync("request", "", "tail");
        await dealer.SendAsync("");
        var request = await router.ReceiveAsync();
        Assert.Equal([DealerId, "request", "", "tail"], Strings(request));
        Assert.Equal([DealerId, ""], await router.ReceiveStringsAsync());

        await router.SendAsync([request[0], .. Bytes("reply", "", "end")]);
        await router.SendAsync(request[0], []);
        Assert.Equal(["reply", "", "end"], await dealer.ReceiveStringsAsync());
        Assert.Equal([""], await dealer.ReceiveStringsAsync());
    }
}
