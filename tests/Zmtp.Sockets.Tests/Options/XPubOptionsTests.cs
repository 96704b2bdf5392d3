using System.Buffers.Binary;
using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests.Options;

/// <summary>XPUB_VERBOSE / XPUB_VERBOSER (#26), XPUB_NODROP (#25), XPUB_MANUAL, XPUB_WELCOME_MSG, INVERT_MATCHING.</summary>
public sealed class XPubOptionsTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Verbose_modes_decide_which_duplicate_subscriptions_are_reported(bool verbose, bool verboser)
    {
        await using var xpub = new XPubSocket().NoLinger();
        xpub.Options.XPubVerbose = verbose;
        xpub.Options.XPubVerboser = verboser;
        var endpoint = xpub.BindLocal();
        await using var sub1 = new SubSocket().NoLinger();
        await using var sub2 = new SubSocket().NoLinger();
        sub1.Connect(endpoint);
        sub2.Connect(endpoint);

        sub1.Subscribe("A");
        Assert.Equal("\u0001A", await NextAsync(xpub));
        sub2.Subscribe("S2");
        Assert.Equal("\u0001S2", await NextAsync(xpub));

        // Each marker follows on the same connection, so what came before it has been processed.
        sub2.Subscribe("A");
        sub2.Subscribe("M2");
        if (verbose || verboser)
        {
            Assert.Equal("\u0001A", await NextAsync(xpub));
        }

        Assert.Equal("\u0001M2", await NextAsync(xpub));

        sub1.Unsubscribe("A");
        sub1.Subscribe("M1");
        if (verboser)
        {
            Assert.Equal("\u0000A", await NextAsync(xpub));
        }

        Assert.Equal("\u0001M1", await NextAsync(xpub));

        // The last subscriber leaving is reported in every mode.
        sub2.Unsubscribe("A");
        Assert.Equal("\u0000A", await NextAsync(xpub));
    }

    /// <summary>#26: an XSUB forwards an unsubscribe only for a prefix it holds.</summary>
    [Fact]
    public async Task Xsub_does_not_forward_unsubscribes_for_prefixes_it_never_held()
    {
        await using var xpub = new XPubSocket().NoLinger();
        xpub.Options.XPubVerboser = true;
        await using var xsub = new XSubSocket().NoLinger();
        xsub.Connect(xpub.BindLocal());
        await xsub.SendAsync(new Message(new byte[] { 1, (byte)'A' })).Within();
        Assert.Equal("\u0001A", await NextAsync(xpub));

        await xsub.SendAsync(new Message(new byte[] { 0, (byte)'Z' })).Within();
        await xsub.SendAsync(new Message(new byte[] { 1, (byte)'M' })).Within();
        Assert.Equal("\u0001M", await NextAsync(xpub));
    }

    /// <summary>#25: with XPUB_NODROP a full subscriber makes sends wait instead of dropping; nothing is lost.</summary>
    [Fact]
    public async Task Nodrop_waits_for_a_full_subscriber_and_loses_nothing()
    {
        const int Size = 64 * 1024;
        await using var xpub = new XPubSocket().NoLinger();
        xpub.Options.XPubNoDrop = true;
        xpub.Options.SendHighWatermark = 2;
        await using var sub = new SubSocket().NoLinger();
        sub.Options.ReceiveHighWatermark = 2;
        sub.Connect(xpub.BindLocal());
        sub.Subscribe("");
        Assert.Equal("\u0001", await NextAsync(xpub));

        var sent = 0;
        var blocked = false;
        while (sent < 5000 && !blocked)
        {
            try
            {
                xpub.Send(Numbered(sent, Size), TimeSpan.FromMilliseconds(500));
                sent++;
            }
            catch (TimeoutException)
            {
                blocked = true;
            }
        }

        Assert.True(blocked, $"{sent} sends never waited: XPUB_NODROP must not drop for a full subscriber.");
        Assert.False(xpub.TrySend(Numbered(sent, Size)));
        Assert.False(xpub.Events.HasFlag(PollEvents.Out));

        for (var i = 0; i < sent; i++)
        {
            Assert.Equal(i, Number(await sub.ReceiveAsync().Within()));
        }

        await xpub.SendAsync(Numbered(sent, Size)).Within();
        Assert.Equal(sent, Number(await sub.ReceiveAsync().Within()));
    }

    /// <summary>#25 without NODROP: a PUB never waits; a subscriber that does not read misses messages.</summary>
    [Fact]
    public async Task Without_nodrop_a_full_subscriber_misses_messages()
    {
        await using var context = new ZmtpContext();
        var xpub = new XPubSocket(context).NoLinger();
        xpub.Options.SendHighWatermark = 2;
        var sub = new SubSocket(context).NoLinger();
        sub.Options.ReceiveHighWatermark = 2;
        var endpoint = $"inproc://nodrop-{Guid.NewGuid():N}";
        xpub.Bind(endpoint);
        sub.Connect(endpoint);
        sub.Subscribe("");
        Assert.Equal("\u0001", await NextAsync(xpub));

        for (var i = 0; i < 100; i++)
        {
            Assert.True(xpub.TrySend(Numbered(i, 8)), "A PUB never waits.");
        }

        var received = 0;
        while (await sub.ReceiveOrNullAsync(Wait.Quiet) is not null)
        {
            received++;
        }

        Assert.InRange(received, 1, 99);
    }

    /// <summary>XPUB_MANUAL: the application hears every subscription and applies it itself.</summary>
    [Fact]
    public async Task Manual_subscriptions_apply_only_when_the_application_subscribes()
    {
        await using var xpub = new XPubSocket().NoLinger();
        xpub.Options.XPubManual = true;
        await using var sub = new SubSocket().NoLinger();
        sub.Connect(xpub.BindLocal());
        sub.Subscribe("A");
        Assert.Equal("\u0001A", await NextAsync(xpub));

        await xpub.SendAsync("A-before").Within();
        Assert.Null(await sub.ReceiveOrNullAsync(Wait.Quiet));

        xpub.Subscribe("A");
        await xpub.SendAsync("A-after").Within();
        Assert.Equal("A-after", await sub.ReceiveStringAsync().Within());

        // Duplicates reach the application too.
        sub.Subscribe("A");
        Assert.Equal("\u0001A", await NextAsync(xpub));
    }

    [Fact]
    public async Task Manual_unsubscribe_removes_the_prefix_for_the_last_subscriber()
    {
        await using var xpub = new XPubSocket().NoLinger();
        xpub.Options.XPubManual = true;
        await using var sub = new SubSocket().NoLinger();
        sub.Connect(xpub.BindLocal());
        sub.Subscribe("A");
        Assert.Equal("\u0001A", await NextAsync(xpub));
        xpub.Subscribe("A");
        await xpub.SendAsync("A1").Within();
        Assert.Equal("A1", await sub.ReceiveStringAsync().Within());

        xpub.Unsubscribe("A");
        await xpub.SendAsync("A2").Within();
        Assert.Null(await sub.ReceiveOrNullAsync(Wait.Quiet));
    }

    /// <summary>XPUB_WELCOME_MSG: a subscriber of the welcome prefix receives it on connect.</summary>
    [Fact]
    public async Task Welcome_message_reaches_a_subscriber_of_its_prefix()
    {
        await using var xpub = new XPubSocket().NoLinger();
        xpub.Options.XPubWelcomeMessage = "WELCOME"u8.ToArray();
        await using var sub = new SubSocket().NoLinger();
        sub.Subscribe("WELCOME");
        sub.Connect(xpub.BindLocal());

        Assert.Equal("WELCOME", await sub.ReceiveStringAsync().Within());
        Assert.Equal("\u0001WELCOME", await NextAsync(xpub));
    }

    [Fact]
    public async Task Welcome_message_is_filtered_out_by_a_subscriber_of_other_prefixes()
    {
        await using var xpub = new XPubSocket().NoLinger();
        xpub.Options.XPubWelcomeMessage = "WELCOME"u8.ToArray();
        await using var sub = new SubSocket().NoLinger();
        sub.Subscribe("X");
        sub.Connect(xpub.BindLocal());
        Assert.Equal("\u0001X", await NextAsync(xpub));

        // The welcome was queued before this data on the same connection: had it passed, it would come first.
        await xpub.SendAsync("X1").Within();
        Assert.Equal("X1", await sub.ReceiveStringAsync().Within());
    }

    /// <summary>INVERT_MATCHING on PUB and SUB: delivered are the messages that match no subscription.</summary>
    [Fact]
    public async Task Invert_matching_delivers_what_does_not_match()
    {
        await using var pub = new PubSocket().NoLinger();
        pub.Options.InvertMatching = true;
        await using var sub = new SubSocket().NoLinger();
        sub.Options.InvertMatching = true;
        sub.Connect(pub.BindLocal());
        sub.Subscribe("A");

        await Wait.SendUntilReceivedAsync(() => pub.TrySend(Msg("W")), sub);
        await pub.SendAsync("A1").Within();
        await pub.SendAsync("B1").Within();
        await pub.SendAsync("AB").Within();
        await pub.SendAsync("C1").Within();
        Assert.Equal("B1", (await sub.ReceiveSkippingAsync("W")).GetString(0));
        Assert.Equal("C1", await sub.ReceiveStringAsync().Within());
        Assert.Null(await sub.ReceiveOrNullAsync(Wait.Quiet));
    }

    private static async Task<string> NextAsync(ZmtpSocket socket) =>
        (await socket.ReceiveAsync().Within()).GetString(0);

    private static Message Numbered(int n, int size)
    {
        var body = new byte[size];
        BinaryPrimitives.WriteInt32BigEndian(body, n);
        return new Message(body);
    }

    private static int Number(Message message) => BinaryPrimitives.ReadInt32BigEndian(message[0].Span);
}
