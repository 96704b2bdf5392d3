using Zmtp.Interop.Tests.Sockets;
using Zmtp.Interop.Tests.Support;
using static Zmtp.Interop.Tests.Sockets.InteropAssert;
using static Zmtp.Interop.Tests.Support.InteropSocketExtensions;

namespace Zmtp.Interop.Tests.Pairs;

/// <summary>
/// PUB↔XSUB with libzmq: the XSUB subscribes by sending <c>0x01</c>+prefix and unsubscribes with
/// <c>0x00</c>+prefix. A PUB reports nothing, so the test publishes in a loop until the first match arrives.
/// </summary>
public sealed class PubXSubPairTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    [Theory]
    [MemberData(nameof(PairMatrix.BothSides), MemberType = typeof(PairMatrix))]
    public async Task Pub_sends_the_xsub_only_what_it_subscribed_to(OurSide ours, OurRole role, TransportCase transport)
    {
        await using var link = await PairLink.OpenAsync(ZmtpSocketType.Pub, ZmtpSocketType.XSub, ours, role, transport);
        var (pub, xsub) = (link.A, link.B);

        await xsub.SendAsync(Subscription(true, "topic"));
        var first = await PublishUntilReceivedAsync(pub, xsub, "topic-", other: "other-", otherMayArrive: false);
        Assert.Equal(["", "end"], first[1..]);

        // The cancel for "topic" travels before the subscribe for "next" on the same connection, so once a
        // "next" message arrives the PUB has dropped "topic": nothing for it may follow.
        await xsub.SendAsync(Subscription(false, "topic"));
        await xsub.SendAsync(Subscription(true, "next"));
        await PublishUntilReceivedAsync(pub, xsub, "next-", other: "topic-", otherMayArrive: true);
        await pub.SendAsync("topic-late");
        await pub.SendAsync("next-last");
        while (true)
        {
            var frames = await xsub.ReceiveStringsAsync();
            Assert.StartsWith("next-", frames[0]);
            if (frames[0] == "next-last")
            {
                break;
            }
        }
    }

    /// <summary>
    /// Publishes an <paramref name="other"/> message and a wanted one per round until the XSUB receives a
    /// wanted one. Other messages fail the test unless <paramref name="otherMayArrive"/> (they were sent
    /// before the PUB processed a cancel still in flight).
    /// </summary>
    private static async Task<string[]> PublishUntilReceivedAsync(
        IInteropSocket pub, IInteropSocket xsub, string wanted, string other, bool otherMayArrive)
    {
        var deadline = DateTime.UtcNow + InteropAssert.TestTimeout;
        for (var i = 0; DateTime.UtcNow < deadline; i++)
        {
            await pub.SendAsync($"{other}{i}");
            await pub.SendAsync($"{wanted}{i}", "", "end");
            while (await xsub.TryReceiveAsync(Poll) is { } received)
            {
                var frames = Strings(received);
                if (frames[0].StartsWith(wanted, StringComparison.Ordinal))
                {
                    return frames;
                }

                Assert.True(otherMayArrive && frames[0].StartsWith(other, StringComparison.Ordinal), $"{xsub.Name} received unexpected '{frames[0]}'.");
            }
        }

        throw new TimeoutException($"{xsub.Name} never received a '{wanted}' message from {pub.Name}.");
    }
}
