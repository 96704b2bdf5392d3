using static Zmtp.Interop.Tests.Sockets.InteropAssert;
using Zmtp.Interop.Tests.Support;

namespace Zmtp.Interop.Tests.Pairs;

/// <summary>DEALER↔DEALER with libzmq: multipart messages in both directions, frames untouched.</summary>
public sealed class DealerDealerPairTests
{
    [Theory]
    [MemberData(nameof(PairMatrix.OneSide), MemberType = typeof(PairMatrix))]
    public async Task Dealers_exchange_multipart_messages_both_ways(OurSide ours, OurRole role, TransportCase transport)
    {
        await using var link = await PairLink.OpenAsync(ZmtpSocketType.Dealer, ZmtpSocketType.Dealer, ours, role, transport);
        await TwoWay.ExchangeAsync(link.A, link.B);
    }
}
