using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>Spec 6: REP strips the envelope before delivery and restores it on the reply.</summary>
public sealed class RepEnvelopeTests
{
    [Fact]
    public async Task Delimiter_only_envelope()
    {
        await using var rep = new RepSocket().NoLinger();
        await using var dealer = new DealerSocket().NoLinger();
        dealer.Connect(rep.BindLocal());

        await dealer.SendAsync(Msg("", "A")).Within();
        Assert.Equal(["A"], (await rep.ReceiveAsync().Within()).Text());
        await rep.SendAsync(Msg("A")).Within();
        Assert.Equal(["", "A"], (await dealer.ReceiveAsync().Within()).Text());
    }

    [Fact]
    public async Task Routing_frames_come_back_on_the_reply()
    {
        await using var rep = new RepSocket().NoLinger();
        await using var dealer = new DealerSocket().NoLinger();
        dealer.Connect(rep.BindLocal());

        await dealer.SendAsync(Msg("X", "Y", "", "A")).Within();
        Assert.Equal(["A"], (await rep.ReceiveAsync().Within()).Text());
        await rep.SendAsync(Msg("A")).Within();
        Assert.Equal(["X", "Y", "", "A"], (await dealer.ReceiveAsync().Within()).Text());

        // A second request on the same connection gets its own envelope.
        await dealer.SendAsync(Msg("Z", "", "B", "C")).Within();
        Assert.Equal(["B", "C"], (await rep.ReceiveAsync().Within()).Text());
        await rep.SendAsync(Msg("D")).Within();
        Assert.Equal(["Z", "", "D"], (await dealer.ReceiveAsync().Within()).Text());
    }
}
