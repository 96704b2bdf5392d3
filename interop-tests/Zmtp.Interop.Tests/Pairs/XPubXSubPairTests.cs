using Zmtp.Interop.Tests.Support;
using static Zmtp.Interop.Tests.Sockets.InteropAssert;
using static Zmtp.Interop.Tests.Support.InteropSocketExtensions;

namespace Zmtp.Interop.Tests.Pairs;

/// <summary>XPUB↔XSUB with libzmq: subscriptions sent as messages by the XSUB are reported by the XPUB verbatim.</summary>
public sealed class XPubXSubPairTests
{
    [Theory]
    [MemberData(nameof(PairMatrix.BothSides), MemberType = typeof(PairMatrix))]
    public async Task Xsub_subscription_messages_reach_the_xpub_and_steer_its_publishing(OurSide ours, OurRole role, TransportCase transport)
    {
        await using var link = await PairLink.OpenAsync(ZmtpSocketType.XPub, ZmtpSocketType.XSub, ours, role, transport);
        var (xpub, xsub) = (link.A, link.B);

        await xsub.SendAsync(Subscription(true, "topic"));
        Assert.Equal([Subscription(true, "topic")], await xpub.ReceiveStringsAsync());

        // An XSUB does not filter: had the XPUB sent "other", it would arrive first.
        await xpub.SendAsync("other", "x");
        await xpub.SendAsync("topic-1", "", "end");
        Assert.Equal(["topic-1", "", "end"], await xsub.ReceiveStringsAsync());

        await xsub.SendAsync(Subscription(true, "next"));
        Assert.Equal([Subscription(true, "next")], await xpub.ReceiveStringsAsync());
        await xsub.SendAsync(Subscription(false, "topic"));
        Assert.Equal([Subscription(false, "topic")], await xpub.ReceiveStringsAsync());

        await xpub.SendAsync("topic-2");
        await xpub.SendAsync("next-1");
        Assert.Equal(["next-1"], await xsub.ReceiveStringsAsync());
    }
}
