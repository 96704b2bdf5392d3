using static Zmtp.Interop.Tests.Sockets.InteropAssert;
using Zmtp.Interop.Tests.Support;

namespace Zmtp.Interop.Tests.Pairs;

/// <summary>REQ↔ROUTER with libzmq: a REQ without a routing id gets a generated one, and its envelope round-trips.</summary>
public sealed class ReqRouterPairTests
{
    [Theory]
    [MemberData(nameof(PairMatrix.BothSides), MemberType = typeof(PairMatrix))]
    public async Task Router_generates_a_five_byte_id_and_the_req_gets_its_replies(OurSide ours, OurRole role, TransportCase transport)
    {
        await using var link = await PairLink.OpenAsync(ZmtpSocketType.Req, ZmtpSocketType.Router, ours, role, transport);
        var (req, router) = (link.A, link.B);

        byte[]? id = null;
        for (var i = 0; i < 2; i++)
        {
            await req.SendAsync($"q{i}", "", "x");
            var request = await router.ReceiveAsync();

            // RFC 28 / libzmq: a peer announcing no identity is named by 0x00 and a 32-bit counter.
            Assert.Equal(5, request[0].Length);
            Assert.Equal(0, request[0][0]);
            Assert.Equal(id ?? request[0], request[0]);
            id = request[0];

            // The REQ put an empty delimiter between its (empty) envelope and the body.
            Assert.Equal(["", $"q{i}", "", "x"], Strings(request[1..]));
            await router.SendAsync([id, [], .. Bytes($"a{i}", "", "y")]);
            Assert.Equal([$"a{i}", "", "y"], await req.ReceiveStringsAsync());
        }
    }
}
