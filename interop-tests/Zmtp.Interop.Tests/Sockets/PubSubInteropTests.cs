using Zmtp.Interop.Tests.Native;
using static Zmtp.Interop.Tests.Sockets.InteropAssert;

namespace Zmtp.Interop.Tests.Sockets;

/// <summary>
/// PUB/SUB between Zmtp and libzmq. A subscription reaches the publisher asynchronously, so every test
/// publishes in a loop until the first expected message arrives (bounded by a timeout) instead of sleeping.
/// </summary>
public sealed class PubSubInteropTests : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    private readonly ZmqContext _context = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Our_sub_filters_by_prefix_and_unsubscribes_from_libzmq_pub(bool weBind)
    {
        await using var sub = new SubSocket().Quick();
        var pub = _context.Socket(Zmq.Pub);
        if (weBind)
        {
            pub.Connect(sub.Bind("tcp://127.0.0.1:*"));
        }
        else
        {
            sub.Connect(pub.Bind("tcp://127.0.0.1:*"));
        }

        sub.Subscribe("A");
        var first = PublishUntilReceived(pub, sub, i => Bytes($"B-{i}", "x"), i => Bytes($"A-{i}", "tail"));
        Assert.StartsWith("A-", first[0]);
        Assert.Equal("tail", first[1]);

        // After the switch, once a "C" message arrives nothing for "A" may follow: the cancel for "A"
        // travelled before the subscription for "C" on the same connection.
        sub.Unsubscribe("A");
        sub.Subscribe("C");
        var switched = PublishUntilReceived(pub, sub, i => Bytes($"A-{i}"), i => Bytes($"C-{i}"), skipPrefix: "A-");
        Assert.StartsWith("C-", switched[0]);
        pub.SendMultipart(Bytes("A-late"));
        pub.SendMultipart(Bytes("B-late"));
        pub.SendMultipart(Bytes("C-last"));
        while (true)
        {
            using var message = await sub.ReceiveWithinAsync();
            var text = message.GetString(0);
            Assert.StartsWith("C-", text);
            if (text == "C-last")
            {
                break;
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Our_pub_fans_out_to_two_libzmq_subs_by_prefix(bool weBind)
    {
        await using var pub = new PubSocket().Quick();
        var subA = _context.Socket(Zmq.Sub);
        var subB = _context.Socket(Zmq.Sub);
        subA.Subscribe("A");
        subB.Subscribe("B");
        if (weBind)
        {
            var endpoint = pub.Bind("tcp://127.0.0.1:*");
            subA.Connect(endpoint);
            subB.Connect(endpoint);
        }
        else
        {
            pub.Connect(subA.Bind("tcp://127.0.0.1:*"));
            pub.Connect(subB.Bind("tcp://127.0.0.1:*"));
        }

        await PublishUntilReceivedAsync(pub, subA, "A");
        await PublishUntilReceivedAsync(pub, subB, "B");

        // Both subscriptions are now known to our PUB: each message goes only where it matches.
        await pub.SendWithinAsync("A-final", "a2");
        await pub.SendWithinAsync("B-final", "b2");
        await pub.SendWithinAsync("C-final");
        await pub.SendWithinAsync("AB-final");
        Assert.Equal(["A-final", "a2"], DrainUntil(subA, "A-final"));
        Assert.Equal(["AB-final"], Strings(subA.ReceiveMultipart()));
        Assert.Equal(["B-final", "b2"], DrainUntil(subB, "B-final"));
        Assert.Null(subB.TryReceiveMultipart(200));
    }

    [Fact]
    public async Task Libzmq_sub_reconnecting_to_our_pub_receives_again()
    {
        await using var pub = new PubSocket().Quick();
        var endpoint = pub.Bind("tcp://127.0.0.1:*");
        var sub = _context.Socket(Zmq.Sub);
        sub.Subscribe("T");
        sub.Connect(endpoint);
        await PublishUntilReceivedAsync(pub, sub, "T");

        // A new connection from the same libzmq socket must be handshaken and subscribed afresh.
        sub.Disconnect(endpoint);
        sub.Connect(endpoint);
        await PublishUntilReceivedAsync(pub, sub, "T", tag: "2");
    }

    [Fact]
    public async Task Libzmq_sub_reconnects_by_itself_when_our_pub_comes_back_on_the_same_port()
    {
        var endpoint = "";
        var sub = _context.Socket(Zmq.Sub);
        sub.Subscribe("T");
        await using (var pub = new PubSocket().Quick())
        {
            endpoint = pub.Bind("tcp://127.0.0.1:*");
            sub.Connect(endpoint);
            await PublishUntilReceivedAsync(pub, sub, "T");
        }

        // libzmq retries every RECONNECT_IVL (100 ms) and resends its subscriptions on the new connection.
        await using var again = new PubSocket().Quick();
        Assert.Equal(endpoint, again.Bind(endpoint));
        await PublishUntilReceivedAsync(again, sub, "T", tag: "2");
    }

    /// <summary>
    /// Publishes "{topic}{tag}-i" (and a non-matching "Z-i") until <paramref name="sub"/> receives one.
    /// Earlier messages for the topic (other tags) are skipped; anything outside the topic fails the test.
    /// </summary>
    private static async Task PublishUntilReceivedAsync(PubSocket pub, ZmqSocket sub, string topic, string tag = "")
    {
        var expected = $"{topic}{tag}-";
        var deadline = DateTime.UtcNow + TestTimeout;
        for (var i = 0; DateTime.UtcNow < deadline; i++)
        {
            await pub.SendWithinAsync($"{expected}{i}");
            await pub.SendWithinAsync($"Z-{i}");
            while (sub.TryReceiveMultipart((int)Poll.TotalMilliseconds) is { } frames)
            {
                var first = Strings(frames)[0];
                Assert.StartsWith(topic, first);
                if (first.StartsWith(expected, StringComparison.Ordinal))
                {
                    return;
                }
            }
        }

        throw new TimeoutException($"libzmq SUB never received a '{expected}' message from our PUB.");
    }

    /// <summary>
    /// From a libzmq PUB, publishes a non-matching then a matching message per round until our SUB
    /// receives something; frames whose first part starts with <paramref name="skipPrefix"/> are tolerated.
    /// </summary>
    private static string[] PublishUntilReceived(
        ZmqSocket pub, SubSocket sub, Func<int, byte[][]> other, Func<int, byte[][]> wanted, string? skipPrefix = null)
    {
        var deadline = DateTime.UtcNow + TestTimeout;
        for (var i = 0; DateTime.UtcNow < deadline; i++)
        {
            pub.SendMultipart(other(i));
            pub.SendMultipart(wanted(i));
            while (sub.TryReceive(Poll, out var message))
            {
                using (message)
                {
                    var frames = Strings(message);
                    if (skipPrefix is not null && frames[0].StartsWith(skipPrefix, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    return frames;
                }
            }
        }

        throw new TimeoutException("our SUB never received a matching message from libzmq's PUB.");
    }

    /// <summary>Receives on a libzmq socket, skipping warm-up messages, until one whose first frame is <paramref name="first"/>.</summary>
    private static string[] DrainUntil(ZmqSocket socket, string first)
    {
        while (true)
        {
            var frames = Strings(socket.ReceiveMultipart());
            if (frames[0] == first)
            {
                return frames;
            }
        }
    }

    public void Dispose() => _context.Dispose();
}
