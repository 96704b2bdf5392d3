using Zmtp.Interop.Tests.Support;
using static Zmtp.Interop.Tests.Sockets.InteropAssert;
using static Zmtp.Interop.Tests.Support.InteropSocketExtensions;

namespace Zmtp.Interop.Tests.Pairs;

/// <summary>XPUB↔SUB with libzmq: the XPUB reports the SUB's subscribe and unsubscribe and publishes by them.</summary>
public sealed class XPubSubPairTests
{
    [Theory]
    [MemberData(nameof(PairMatrix.BothSides), MemberType = typeof(PairMatrix))]
    public async Task Xpub_reports_the_sub_subscriptions_and_filters_by_them(OurSide ours, OurRole role, TransportCase transport)
    {
        await using var link = await PairLink.OpenAsync(ZmtpSocketType.XPub, ZmtpSocketType.Sub, ours, role, transport);
        var (xpub, sub) = (link.A, link.B);

        sub.Subscribe("topic");
        Assert.Equal([Subscription(true, "topic")], await xpub.ReceiveStringsAsync());

        // The XPUB applied the subscription before reporting it, so one publish is enough.
        await xpub.SendAsync("other", "x");
        await xpub.SendAsync("topic-1", "", "end");
        Assert.Equal(["topic-1", "", "end"], await sub.ReceiveStringsAsync());

        sub.Subscribe("next");
        Assert.Equal([Subscription(true, "next")], await xpub.ReceiveStringsAsync());
        sub.Unsubscribe("topic");
        Assert.Equal([Subscription(false, "topic")], await xpub.ReceiveStringsAsync());

        // "topic" is gone at both ends: only "next" may arrive.
        await xpub.SendAsync("topic-2");
        await xpub.SendAsync("next-1");
        Assert.Equal(["next-1"], await sub.ReceiveStringsAsync());
    }
}
