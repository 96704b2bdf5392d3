using static Zmtp.Interop.Tests.Sockets.InteropAssert;
using Zmtp.Interop.Tests.Support;

namespace Zmtp.Interop.Tests.Pairs;

/// <summary>DEALER↔REP with libzmq: the REP strips the envelope up to the first empty frame and puts it back on the reply.</summary>
public sealed class DealerRepPairTests
{
    [Theory]
    [MemberData(nameof(PairMatrix.BothSides), MemberType = typeof(PairMatrix))]
    public async Task Rep_answers_with_the_envelope_the_dealer_sent(OurSide ours, OurRole role, TransportCase transport)
    {
        await using var link = await PairLink.OpenAsync(ZmtpSocketType.Dealer, ZmtpSocketType.Rep, ours, role, transport);
        var (dealer, rep) = (link.A, link.B);

        // Plain request: just the delimiter, a body with an empty frame inside it.
        await dealer.SendAsync("", "q1", "", "x");
        Assert.Equal(["q1", "", "x"], await rep.ReceiveStringsAsync());
        await rep.SendAsync("a1", "", "y");
        Assert.Equal(["", "a1", "", "y"], await dealer.ReceiveStringsAsync());

        // An address hop before the delimiter is envelope too, and must come back unchanged.
        await dealer.SendAsync("hop", "", "q2");
        Assert.Equal(["q2"], await rep.ReceiveStringsAsync());
        await rep.SendAsync("a2");
        Assert.Equal(["hop", "", "a2"], await dealer.ReceiveStringsAsync());
    }
}
