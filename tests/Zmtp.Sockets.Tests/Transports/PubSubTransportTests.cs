using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests.Transports;

/// <summary>PUB, SUB, XPUB and XSUB pairings, identical over tcp, ipc and inproc.</summary>
public sealed class PubSubTransportTests
{
    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Pub_sub_filters_by_prefix(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var pub = t.Open(c => new PubSocket(c));
        var sub = t.Open(c => new SubSocket(c));
        sub.Connect(t.Bind(pub));
        sub.Subscribe("A");
        sub.Subscribe("W");

        // The subscription reaches the publisher some time after the connection: warm up until it has.
        await Wait.SendUntilReceivedAsync(() => pub.TrySend(Msg("W")), sub);

        await pub.SendAsync(Msg("B1", "no")).Within();
        await pub.SendAsync(Msg("A1", "yes")).Within();
        await pub.SendAsync("C1").Within();
        await pub.SendAsync("AB").Within();
        Assert.Equal(["A1", "yes"], (await sub.ReceiveSkippingAsync("W")).Text());
        Assert.Equal(["AB"], (await sub.ReceiveAsync().Within()).Text());
        Assert.Null(await sub.ReceiveOrNullAsync(Wait.Quiet));
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Pub_sub_unsubscribe_stops_delivery(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var pub = t.Open(c => new PubSocket(c));
        var sub = t.Open(c => new SubSocket(c));
        sub.Connect(t.Bind(pub));
        sub.Subscribe("A");
        sub.Subscribe("B");
        await Wait.SendUntilReceivedAsync(() => pub.TrySend(Msg("B-warm")), sub);

        sub.Unsubscribe("A");
        await pub.SendAsync("A-after").Within();
        await pub.SendAsync("B-after").Within();
        Assert.Equal("B-after", (await sub.ReceiveSkippingAsync("B-warm")).GetString(0));
        Assert.Null(await sub.ReceiveOrNullAsync(Wait.Quiet));
    }

    /// <summary>An XPUB hears each subscription change as a message: 0x01 + prefix, 0x00 + prefix.</summary>
    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Xpub_receives_subscription_messages_from_sub(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var xpub = t.Open(c => new XPubSocket(c));
        var sub = t.Open(c => new SubSocket(c));
        sub.Connect(t.Bind(xpub));
        sub.Subscribe("T");

        Assert.Equal([1, (byte)'T'], (await xpub.ReceiveAsync().Within())[0].ToArray());

        // The subscription has been applied by the time the XPUB reports it.
        await xpub.SendAsync("T1").Within();
        await xpub.SendAsync("U1").Within();
        Assert.Equal("T1", await sub.ReceiveStringAsync().Within());

        sub.Unsubscribe("T");
        Assert.Equal([0, (byte)'T'], (await xpub.ReceiveAsync().Within())[0].ToArray());
        await xpub.SendAsync("T2").Within();
        Assert.Null(await sub.ReceiveOrNullAsync(Wait.Quiet));
    }

    /// <summary>An XSUB subscribes by sending; the PUB then filters for it (an XSUB itself does not filter).</summary>
    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Pub_filters_for_xsub_subscriptions(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var pub = t.Open(c => new PubSocket(c));
        var xsub = t.Open(c => new XSubSocket(c));
        xsub.Connect(t.Bind(pub));
        await xsub.SendAsync(new Message(new byte[] { 1, (byte)'A' })).Within();

        await Wait.SendUntilReceivedAsync(() => pub.TrySend(Msg("A-warm")), xsub);
        await pub.SendAsync("B1").Within();
        await pub.SendAsync(Msg("A1", "more")).Within();
        Assert.Equal(["A1", "more"], (await xsub.ReceiveSkippingAsync("A-warm")).Text());

        await xsub.SendAsync(new Message(new byte[] { 0, (byte)'A' })).Within();

        // The cancel and then a new subscription travel in order: once "C" arrives, "A" is gone.
        await xsub.SendAsync(new Message(new byte[] { 1, (byte)'C' })).Within();
        await Wait.SendUntilReceivedAsync(() => pub.TrySend(Msg("C-warm")), xsub);
        await pub.SendAsync("A2").Within();
        await pub.SendAsync("C2").Within();
        var next = await xsub.ReceiveAsync().Within();
        while (next.GetString(0) is "C-warm" or "A-warm")
        {
            next = await xsub.ReceiveAsync().Within();
        }

        Assert.Equal("C2", next.GetString(0));
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Xpub_to_xsub_subscriptions_data_and_upstream_messages(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var xpub = t.Open(c => new XPubSocket(c));
        var xsub = t.Open(c => new XSubSocket(c));
        xsub.Connect(t.Bind(xpub));
        await xsub.SendAsync(new Message(new byte[] { 1, (byte)'K' })).Within();

        Assert.Equal([1, (byte)'K'], (await xpub.ReceiveAsync().Within())[0].ToArray());
        await xpub.SendAsync("J1").Within();
        await xpub.SendAsync(Msg("K1", "body")).Within();
        Assert.Equal(["K1", "body"], (await xsub.ReceiveAsync().Within()).Text());

        // Anything else an XSUB sends goes upstream unchanged.
        await xsub.SendAsync(Msg("hello", "upstream")).Within();
        Assert.Equal(["hello", "upstream"], (await xpub.ReceiveAsync().Within()).Text());

        await xsub.SendAsync(new Message(new byte[] { 0, (byte)'K' })).Within();
        Assert.Equal([0, (byte)'K'], (await xpub.ReceiveAsync().Within())[0].ToArray());
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Sub_connected_before_pub_binds_receives_after_bind(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var endpoint = t.FreshEndpoint();
        var sub = t.Open(c => new SubSocket(c));
        sub.Subscribe("");
        sub.Connect(endpoint);

        var pub = t.Open(c => new PubSocket(c));
        pub.Bind(endpoint);
        var first = await Wait.SendUntilReceivedAsync(() => pub.TrySend(Msg("news")), sub);
        Assert.Equal("news", first.GetString(0));
    }
}
