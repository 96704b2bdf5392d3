using static Zmtp.Interop.Tests.Sockets.InteropAssert;
using Zmtp.Interop.Tests.Support;

namespace Zmtp.Interop.Tests.Pairs;

/// <summary>PAIR↔PAIR with libzmq: multipart messages in both directions, frames untouched.</summary>
public sealed class PairPairTests
{
    [Theory]
    [MemberData(nameof(PairMatrix.OneSide), MemberType = typeof(PairMatrix))]
    public async Task Pairs_exchange_multipart_messages_both_ways(OurSide ours, OurRole role, TransportCase transport)
    {
        await using var link = await PairLink.OpenAsync(ZmtpSocketType.Pair, ZmtpSocketType.Pair, ours, role, transport);
        await TwoWay.ExchangeAsync(link.A, link.B);
    }
}
