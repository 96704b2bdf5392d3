using static Zmtp.Interop.Tests.Sockets.InteropAssert;
using System.Text;
using Zmtp.Interop.Tests.Support;

namespace Zmtp.Interop.Tests.Pairs;

/// <summary>
/// ROUTER↔ROUTER with libzmq, both with set identities. The connecting side cannot address the bound side
/// until the handshake told it that side's identity, so it sends with ROUTER_MANDATORY and retries on
/// "host unreachable".
/// </summary>
public sealed class RouterRouterPairTests
{
    private const string BinderId = "bound-router";
    private const string ConnectorId = "connecting-router";

    [Theory]
    [MemberData(nameof(PairMatrix.OneSide), MemberType = typeof(PairMatrix))]
    public async Task Routers_address_each_other_by_set_identity(OurSide ours, OurRole role, TransportCase transport)
    {
        // A is ours; it binds or connects per role, so the identities follow the role.
        var (ourId, libId) = role == OurRole.Binds ? (BinderId, ConnectorId) : (ConnectorId, BinderId);
        await using var link = await PairLink.OpenAsync(
            ZmtpSocketType.Router,
            ZmtpSocketType.Router,
            ours,
            role,
            transport,
            configureA: a => Configure(a, ourId),
            configureB: b => Configure(b, libId));
        var (binder, connector) = role == OurRole.Binds ? (link.A, link.B) : (link.B, link.A);

        await connector.SendWhenRoutableAsync([Id(BinderId), .. Bytes("hello", "", "x")]);
        Assert.Equal([ConnectorId, "hello", "", "x"], await binder.ReceiveStringsAsync());

        // The bound side has now heard from the connector, so it knows its id: the first attempt must route.
        await binder.SendAsync([Id(ConnectorId), .. Bytes("world", "", "y")]);
        Assert.Equal([BinderId, "world", "", "y"], await connector.ReceiveStringsAsync());
    }

    private static void Configure(IInteropSocket router, string id)
    {
        router.SetRoutingId(id);
        router.SetRouterMandatory();
    }

    private static byte[] Id(string id) => Encoding.UTF8.GetBytes(id);
}
