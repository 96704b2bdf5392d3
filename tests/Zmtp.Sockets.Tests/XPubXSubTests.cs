using System.Diagnostics;
using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>XPUB reports subscriptions as messages; XSUB subscribes by sending them.</summary>
public sealed class XPubXSubTests
{
    [Fact]
    public async Task Xpub_reports_subscribe_and_unsubscribe()
    {
        await using var xpub = new XPubSocket().NoLinger();
        await using var sub = new SubSocket();
        sub.Connect(xpub.BindLocal());

        sub.Subscribe("A");
        Assert.Equal(Notice(1, "A"), Bytes(await xpub.ReceiveAsync().Within()));

        sub.Unsubscribe("A");
        Assert.Equal(Notice(0, "A"), Bytes(await xpub.ReceiveAsync().Within()));

        sub.Subscribe(string.Empty);
        Assert.Equal(Notice(1, string.Empty), Bytes(await xpub.ReceiveAsync().Within()));
    }

    [Fact]
    public async Task Xpub_reports_a_prefix_once_across_subscribers_and_drops_it_on_disconnect()
    {
        await using var xpub = new XPubSocket().NoLinger();
        var endpoint = xpub.BindLocal();
        await using var sub1 = new SubSocket();
        var sub2 = new SubSocket();
        try
        {
            sub1.Connect(endpoint);
            sub1.Subscribe("A");
            Assert.Equal(Notice(1, "A"), Bytes(await xpub.ReceiveAsync().Within()));

            // Commands on one connection arrive in order: once "B" is reported, sub2's "A" was seen too.
            sub2.Connect(endpoint);
            sub2.Subscribe("A");
            sub2.Subscribe("B");
            Assert.Equal(Notice(1, "B"), Bytes(await xpub.ReceiveAsync().Within()));

            // sub2 leaves: "B" lost its last subscriber, "A" still has sub1.
            await sub2.DisposeAsync().Within();
            Assert.Equal(Notice(0, "B"), Bytes(await xpub.ReceiveAsync().Within()));
            Assert.Null(await xpub.ReceiveOrNullAsync(Wait.Quiet));

            // Data still flows to sub1 for "A".
            await PubSubTests.WarmUpAsync(xpub, sub1, "A-data");
        }
        finally
        {
            await sub2.DisposeAsync();
        }

        await sub1.DisposeAsync().Within();
        Assert.Equal(Notice(0, "A"), Bytes(await xpub.ReceiveAsync().Within()));
    }

    [Fact]
    public async Task Xsub_subscribes_by_message_and_the_publisher_filters()
    {
        await using var pub = new PubSocket().NoLinger();
        await using var xsub = new XSubSocket();
        xsub.Connect(pub.BindLocal());

        await xsub.SendAsync(new Message(Notice(1, "A"))).Within();

        // XSUB does not filter locally: everything received passed the PUB's filter.
        var first = await Wait.SendUntilReceivedAsync(
            () =>
            {
                pub.TrySend(Msg("B-skip"));
                pub.TrySend(Msg("A-warm", "part"));
            },
            xsub);
        Assert.Equal(["A-warm", "part"], first.Text());

        await pub.SendAsync("B1").Within();
        await pub.SendAsync("A1").Within();
        Assert.Equal("A1", (await xsub.ReceiveSkippingAsync("A-warm")).GetString(0));
        Assert.Null(await xsub.ReceiveOrNullAsync(Wait.Quiet));
    }

    [Fact]
    public async Task Xsub_unsubscribe_message_stops_the_publisher()
    {
        await using var pub = new PubSocket().NoLinger();
        await using var xsub = new XSubSocket();
        xsub.Connect(pub.BindLocal());
        await xsub.SendAsync(new Message(Notice(1, "A"))).Within();
        await xsub.SendAsync(new Message(Notice(1, "Z"))).Within();
        await PubSubTests.WarmUpAsync(pub, xsub, "Z-warm");

        await xsub.SendAsync(new Message(Notice(0, "A"))).Within();

        // The cancel reaches the PUB at some point after this; from then on no "A" is sent. Repeat rounds
        // of ["A-probe", "Z-mark"] until a round arrives without the probe, bounded.
        var start = Stopwatch.GetTimestamp();
        var sawProbe = true;
        while (sawProbe)
        {
            Assert.True(Stopwatch.GetElapsedTime(start) < Wait.Limit, "The PUB kept sending a cancelled prefix.");
            await pub.SendAsync("A-probe").Within();
            await pub.SendAsync("Z-mark").Within();
            sawProbe = false;
            string text;
            do
            {
                text = (await xsub.ReceiveSkippingAsync("Z-warm")).GetString(0);
                sawProbe |= text == "A-probe";
            }
            while (text != "Z-mark");
        }

        await pub.SendAsync("A-late").Within();
        await pub.SendAsync("Z-end").Within();
        Assert.Equal("Z-end", await xsub.ReceiveStringAsync().Within());
    }

    [Fact]
    public async Task Xpub_counts_a_prefix_once_per_subscriber()
    {
        await using var xpub = new XPubSocket().NoLinger();
        await using var sub = new SubSocket();
        sub.Connect(xpub.BindLocal());

        sub.Subscribe("A");
        sub.Subscribe("A");
        Assert.Equal(Notice(1, "A"), Bytes(await xpub.ReceiveAsync().Within()));
        sub.Subscribe("B");
        Assert.Equal(Notice(1, "B"), Bytes(await xpub.ReceiveAsync().Within()));

        // The SUB holds "A" twice: the first unsubscribe stays local, the second cancels.
        sub.Unsubscribe("A");
        sub.Unsubscribe("B");
        Assert.Equal(Notice(0, "B"), Bytes(await xpub.ReceiveAsync().Within()));
        sub.Unsubscribe("A");
        Assert.Equal(Notice(0, "A"), Bytes(await xpub.ReceiveAsync().Within()));
    }

    [Fact]
    public async Task Subscriptions_made_before_connect_are_sent_on_connect()
    {
        await using var xpub = new XPubSocket().NoLinger();
        await using var sub = new SubSocket();
        sub.Subscribe("early");
        sub.Connect(xpub.BindLocal());

        Assert.Equal(Notice(1, "early"), Bytes(await xpub.ReceiveAsync().Within()));
        await xpub.SendAsync("early bird").Within();
        await xpub.SendAsync("late").Within();
        Assert.Equal("early bird", await sub.ReceiveStringAsync().Within());
        Assert.Null(await sub.ReceiveOrNullAsync(Wait.Quiet));
    }

    [Fact]
    public async Task Xpub_receives_other_messages_from_an_xsub_unchanged()
    {
        await using var xpub = new XPubSocket().NoLinger();
        await using var xsub = new XSubSocket();
        xsub.Connect(xpub.BindLocal());

        await xsub.SendAsync(new Message(Notice(1, "T"))).Within();
        Assert.Equal(Notice(1, "T"), Bytes(await xpub.ReceiveAsync().Within()));
        await xsub.SendAsync(Msg("hello", "upstream")).Within();
        Assert.Equal(["hello", "upstream"], (await xpub.ReceiveAsync().Within()).Text());
    }

    private static byte[] Notice(byte kind, string prefix) => [kind, .. System.Text.Encoding.UTF8.GetBytes(prefix)];

    private static byte[] Bytes(Message message)
    {
        return Assert.Single(message).ToArray();
    }
}
