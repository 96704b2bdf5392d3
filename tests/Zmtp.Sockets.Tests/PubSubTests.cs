using System.Diagnostics;
using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>PUB/SUB: prefix filtering, counted subscriptions, never-blocking publish, resubscription.</summary>
public sealed class PubSubTests
{
    [Fact]
    public async Task Prefix_filtering()
    {
        await using var pub = new PubSocket().NoLinger();
        await using var sub = new SubSocket();
        sub.Connect(pub.BindLocal());
        sub.Subscribe("A");
        await WarmUpAsync(pub, sub, "A-warm");

        await pub.SendAsync("B1").Within();
        await pub.SendAsync(Msg("A1", "body")).Within();
        await pub.SendAsync("xA").Within();
        await pub.SendAsync("AB").Within();

        Assert.Equal(["A1", "body"], (await sub.ReceiveSkippingAsync("A-warm")).Text());
        Assert.Equal(["AB"], (await sub.ReceiveAsync().Within()).Text());
        Assert.Null(await sub.ReceiveOrNullAsync(Wait.Quiet));
    }

    [Fact]
    public async Task Empty_prefix_receives_everything()
    {
        await using var pub = new PubSocket().NoLinger();
        await using var sub = new SubSocket();
        sub.Connect(pub.BindLocal());
        sub.Subscribe(string.Empty);
        await WarmUpAsync(pub, sub, "warm");

        string[] topics = ["A", "B1", "", "zzz"];
        foreach (var topic in topics)
        {
            await pub.SendAsync(Msg(topic, "x")).Within();
        }

        Assert.Equal(["A", "x"], (await sub.ReceiveSkippingAsync("warm")).Text());
        foreach (var topic in topics.Skip(1))
        {
            Assert.Equal([topic, "x"], (await sub.ReceiveAsync().Within()).Text());
        }
    }

    [Fact]
    public async Task Unsubscribe_stops_delivery()
    {
        await using var pub = new PubSocket().NoLinger();
        await using var sub = new SubSocket();
        sub.Connect(pub.BindLocal());
        sub.Subscribe("A");
        sub.Subscribe("Z");
        await WarmUpAsync(pub, sub, "A-warm");

        sub.Unsubscribe("A");
        await pub.SendAsync("A1").Within();
        await pub.SendAsync("Zend").Within();

        Assert.Equal("Zend", (await sub.ReceiveSkippingAsync("A-warm")).GetString(0));
        Assert.Null(await sub.ReceiveOrNullAsync(Wait.Quiet));
    }

    [Fact]
    public async Task Subscriptions_are_counted()
    {
        await using var pub = new PubSocket().NoLinger();
        await using var sub = new SubSocket();
        sub.Connect(pub.BindLocal());
        sub.Subscribe("A");
        sub.Subscribe("A");
        await WarmUpAsync(pub, sub, "A-warm");

        sub.Unsubscribe("A");
        await pub.SendAsync("A-still").Within();
        Assert.Equal("A-still", (await sub.ReceiveSkippingAsync("A-warm")).GetString(0));

        // The second unsubscribe removes it; a marker subscription proves later messages flow.
        sub.Subscribe("M");
        sub.Unsubscribe("A");
        await WarmUpAsync(pub, sub, "M-warm");
        await pub.SendAsync("A-gone").Within();
        await pub.SendAsync("M-end").Within();
        Assert.Equal("M-end", (await sub.ReceiveSkippingAsync("M-warm")).GetString(0));
    }

    [Fact]
    public async Task Two_subscribers_with_different_prefixes()
    {
        await using var pub = new PubSocket().NoLinger();
        var endpoint = pub.BindLocal();
        await using var subA = new SubSocket();
        await using var subB = new SubSocket();
        subA.Connect(endpoint);
        subB.Connect(endpoint);
        subA.Subscribe("A");
        subB.Subscribe("B");
        await WarmUpAsync(pub, subA, "A-warm");
        await WarmUpAsync(pub, subB, "B-warm");

        foreach (var topic in new[] { "A1", "B1", "C1", "A2", "B2" })
        {
            await pub.SendAsync(topic).Within();
        }

        Assert.Equal("A1", (await subA.ReceiveSkippingAsync("A-warm")).GetString(0));
        Assert.Equal("A2", await subA.ReceiveStringAsync().Within());
        Assert.Equal("B1", (await subB.ReceiveSkippingAsync("B-warm")).GetString(0));
        Assert.Equal("B2", await subB.ReceiveStringAsync().Within());
        Assert.Null(await subA.ReceiveOrNullAsync(Wait.Quiet));
        Assert.Null(await subB.ReceiveOrNullAsync(TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task Pub_never_blocks_on_a_slow_subscriber()
    {
        await using var pub = new PubSocket().NoLinger();
        pub.Options.SendHighWatermark = 10;
        await using var sub = new SubSocket();
        sub.Options.ReceiveHighWatermark = 10;
        sub.Connect(pub.BindLocal());
        sub.Subscribe(string.Empty);
        await WarmUpAsync(pub, sub, "warm");

        var body = new byte[1024];
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 100_000; i++)
        {
            Assert.True(pub.TrySend(new Message(body)), $"PUB TrySend #{i} reported it would block.");
        }

        for (var i = 0; i < 10_000; i++)
        {
            var send = pub.SendAsync(body);
            Assert.True(send.IsCompleted, $"PUB SendAsync #{i} did not complete at once.");
            await send;
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Publishing took {watch.Elapsed}.");
    }

    [Fact]
    public async Task Sub_resubscribes_when_the_publisher_restarts()
    {
        await using var sub = new SubSocket();
        var pub1 = new PubSocket().NoLinger();
        string endpoint;
        try
        {
            endpoint = pub1.BindLocal();
            sub.Connect(endpoint);
            sub.Subscribe("A");
            await WarmUpAsync(pub1, sub, "A-first");
        }
        finally
        {
            await pub1.DisposeAsync();
        }

        await using var pub2 = new PubSocket().NoLinger();
        await BindWithRetryAsync(pub2, endpoint);

        var message = await Wait.SendUntilReceivedAsync(() => pub2.TrySend(Msg("A-second")), sub);
        var first = message.GetString(0);
        while (first == "A-first")
        {
            first = await sub.ReceiveStringAsync().Within();
        }

        Assert.Equal("A-second", first);
    }

    /// <summary>Publishes <paramref name="topic"/> until the subscriber gets one (its subscription has arrived).</summary>
    internal static async Task WarmUpAsync(ZmtpSocket pub, ZmtpSocket sub, string topic)
    {
        var message = await Wait.SendUntilReceivedAsync(() => pub.TrySend(Msg(topic)), sub);
        Assert.Equal(topic, message.GetString(0));
    }

    /// <summary>Rebinds a port just released (the old listener may take a moment to go).</summary>
    private static async Task BindWithRetryAsync(ZmtpSocket socket, string endpoint)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                Assert.Equal(endpoint, socket.Bind(endpoint));
                return;
            }
            catch (ZmtpException ex) when (ex.Error == ZmtpError.AddressInUse && Stopwatch.GetElapsedTime(start) < Wait.Limit)
            {
                await Task.Delay(50);
            }
        }
    }
}
