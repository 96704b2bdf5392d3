using System.Text;
using System.Threading.Channels;
using Zmtp.Sockets.Tests.Support;

namespace Zmtp.Sockets.Tests.Faults;

/// <summary>What one peer can make us hold is bounded: before the handshake by a fixed size, after it by
/// options with safe defaults. A peer that goes beyond is disconnected with a clear reason.</summary>
public sealed class PeerLimitTests
{
    [Fact]
    public async Task A_handshake_command_claiming_100_MiB_is_refused_on_its_header()
    {
        // Issue 9 (read in the code): with the default MAXMSGSIZE a peer could make us buffer about 2 GB of
        // handshake command before READY.
        await using var pull = new PullSocket().NoLinger();
        var events = pull.StartMonitor(SocketEventType.HandshakeFailedProtocol);
        var endpoint = pull.BindLocal();
        using var raw = await RawPeer.ConnectAsync(endpoint);
        var header = new byte[9];
        header[0] = 0x06; // command, long size
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(1), 100L * 1024 * 1024);
        await raw.SendAsync([.. RawPeer.Greeting(), .. header]);

        var failed = await events.ReadAsync().AsTask().WaitAsync(Wait.Limit);
        Assert.Contains("exceeds", failed.Reason, StringComparison.Ordinal);
        Assert.True(await raw.ClosedByPeerAsync(Wait.Limit));
    }

    [Fact]
    public async Task A_ready_with_60_KiB_of_application_metadata_is_still_accepted()
    {
        await using var pull = new PullSocket().NoLinger();
        var endpoint = pull.BindLocal();
        using var raw = await RawPeer.HandshakeAsync(endpoint, "PUSH", ("X-Big", new byte[60 * 1024]));
        await raw.SendAsync(RawPeer.Frame("hello"u8.ToArray()));
        using var message = await pull.ReceiveAsync().Within();
        Assert.Equal(60 * 1024, message.GetProperty("X-Big")!.Length);
    }

    [Fact]
    public async Task An_identity_over_255_octets_is_refused()
    {
        await using var router = new RouterSocket().NoLinger();
        var events = router.StartMonitor(SocketEventType.HandshakeFailedProtocol);
        var endpoint = router.BindLocal();
        using var raw = await RawPeer.ConnectAsync(endpoint);
        await raw.SendAsync([.. RawPeer.Greeting(), .. RawPeer.Ready("DEALER", ("Identity", new byte[256]))]);

        var failed = await events.ReadAsync().AsTask().WaitAsync(Wait.Limit);
        Assert.Contains("255", failed.Reason, StringComparison.Ordinal);
        Assert.True(await raw.ClosedByPeerAsync(Wait.Limit));
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public async Task Metadata_properties_beyond_the_limit_are_refused(int properties, bool accepted)
    {
        await using var pull = new PullSocket().NoLinger();
        Assert.Equal(64, pull.Options.MaxMetadataProperties);
        var events = pull.StartMonitor(SocketEventType.HandshakeFailedProtocol | SocketEventType.HandshakeSucceeded);
        var endpoint = pull.BindLocal();
        using var raw = await RawPeer.ConnectAsync(endpoint);
        var extra = Enumerable.Range(1, properties - 1).Select(i => ($"X-P{i}", new byte[1])).ToArray();
        await raw.SendAsync([.. RawPeer.Greeting(), .. RawPeer.Ready("PUSH", extra)]);

        var outcome = await events.ReadAsync().AsTask().WaitAsync(Wait.Limit);
        Assert.Equal(accepted ? SocketEventType.HandshakeSucceeded : SocketEventType.HandshakeFailedProtocol, outcome.Type);
    }

    [Fact]
    public async Task A_message_with_more_frames_than_allowed_disconnects_its_peer_and_delivers_nothing_of_it()
    {
        await using var pull = new PullSocket().NoLinger();
        Assert.Equal(4096, pull.Options.MaxFramesPerMessage);
        pull.Options.MaxFramesPerMessage = 10;
        var events = pull.StartMonitor(SocketEventType.Disconnected);
        var endpoint = pull.BindLocal();
        using var raw = await RawPeer.HandshakeAsync(endpoint, "PUSH");

        byte[] Multipart(int frames) => Enumerable.Range(0, frames).SelectMany(i => RawPeer.Frame([(byte)i], more: i < frames - 1)).ToArray();
        await raw.SendAsync(Multipart(10));
        using (var ten = await pull.ReceiveAsync().Within())
        {
            Assert.Equal(10, ten.Count);
        }

        await raw.SendAsync(Multipart(11));
        var dropped = await events.ReadAsync().AsTask().WaitAsync(Wait.Limit);
        Assert.Contains("10 frames", dropped.Reason, StringComparison.Ordinal);
        Assert.True(await raw.ClosedByPeerAsync(Wait.Limit));
        Assert.Null(await pull.ReceiveOrNullAsync(Wait.Quiet));
    }

    [Fact]
    public async Task A_million_empty_frames_cost_about_what_they_take_on_the_wire()
    {
        // Small frames past a message's inline buffer were each given a pooled buffer of at least 1 KiB:
        // with the frame limit lifted, a peer could make us hold a thousand times what it sent.
        await using var pull = new PullSocket().NoLinger();
        pull.Options.MaxFramesPerMessage = -1;
        var endpoint = pull.BindLocal();
        using var raw = await RawPeer.HandshakeAsync(endpoint, "PUSH");
        const int Frames = 200_000;
        var message = new byte[Frames * 3];
        for (var i = 0; i < Frames; i++)
        {
            message[i * 3] = (byte)(i < Frames - 1 ? 1 : 0);
            message[(i * 3) + 1] = 1;
            message[(i * 3) + 2] = (byte)i;
        }

        await raw.SendAsync(message);
        using var received = await pull.ReceiveAsync().Within();
        Assert.Equal(Frames, received.Count);
        var rented = received.Sum(frame => System.Runtime.InteropServices.MemoryMarshal.TryGetArray(frame, out var segment) ? segment.Array!.Length : 0L);
        var distinct = received.Select(frame => System.Runtime.InteropServices.MemoryMarshal.TryGetArray(frame, out var segment) ? segment.Array : null).Distinct().Sum(array => array?.Length ?? 0L);
        Assert.True(distinct < 4L * message.Length, $"{Frames} one-octet frames ({message.Length} octets on the wire) are held in {distinct} octets of buffers");
        Assert.True(rented > 0);
    }

    [Fact]
    public async Task A_subscriber_beyond_the_subscription_count_is_disconnected()
    {
        await using var pub = new PubSocket().NoLinger();
        Assert.Equal(10_000, pub.Options.MaxSubscriptionsPerPeer);
        pub.Options.MaxSubscriptionsPerPeer = 3;
        var events = pub.StartMonitor(SocketEventType.Disconnected);
        var endpoint = pub.BindLocal();
        using var raw = await RawPeer.HandshakeAsync(endpoint, "SUB");

        // A repeated prefix is not a new one.
        await raw.SendAsync([.. RawPeer.Subscribe("a"u8), .. RawPeer.Subscribe("b"u8), .. RawPeer.Subscribe("c"u8), .. RawPeer.Subscribe("a"u8)]);
        await AssertStillSubscribedAsync(pub, raw, "c");
        await raw.SendAsync(RawPeer.Subscribe("d"u8));
        var dropped = await events.ReadAsync().AsTask().WaitAsync(Wait.Limit);
        Assert.Contains("3 subscriptions", dropped.Reason, StringComparison.Ordinal);
        Assert.True(await raw.ClosedByPeerAsync(Wait.Limit));
    }

    [Fact]
    public async Task A_subscriber_beyond_the_subscription_bytes_is_disconnected()
    {
        await using var xpub = new XPubSocket().NoLinger();
        Assert.Equal(1024 * 1024, xpub.Options.MaxSubscriptionBytesPerPeer);
        xpub.Options.MaxSubscriptionBytesPerPeer = 10;
        var events = xpub.StartMonitor(SocketEventType.Disconnected);
        var endpoint = xpub.BindLocal();
        using var raw = await RawPeer.HandshakeAsync(endpoint, "SUB");
        await raw.SendAsync([.. RawPeer.Subscribe("12345"u8), .. RawPeer.Subscribe("67890"u8)]);
        Assert.Equal("\u000112345", (await xpub.ReceiveAsync().Within()).GetString(0));
        Assert.Equal("\u000167890", (await xpub.ReceiveAsync().Within()).GetString(0));

        await raw.SendAsync(RawPeer.Subscribe("x"u8));
        var dropped = await events.ReadAsync().AsTask().WaitAsync(Wait.Limit);
        Assert.Contains("10 octets", dropped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribing_and_cancelling_a_512_KiB_prefix_is_quick_and_leaves_the_publisher_working()
    {
        // The per-octet trie made this cost hundreds of megabytes, and the cancel quadratic time.
        await using var pub = new PubSocket().NoLinger();
        var endpoint = pub.BindLocal();
        using var raw = await RawPeer.HandshakeAsync(endpoint, "SUB");
        var topic = new byte[512 * 1024];
        Random.Shared.NextBytes(topic);
        await raw.SendAsync([.. RawPeer.Subscribe(topic), .. RawPeer.Cancel(topic)]);
        await AssertStillSubscribedAsync(pub, raw, "live");
    }

    [Fact]
    public async Task A_peer_cannot_claim_a_peer_address_on_ipc()
    {
        await using var pull = new PullSocket().NoLinger();
        var endpoint = pull.Bind($"ipc://@zmtp-test-{Guid.NewGuid():N}");
        using var raw = await RawPeer.ConnectIpcAsync(endpoint);
        await raw.CompleteHandshakeAsync("PUSH", ("Peer-Address", "10.0.0.1"u8.ToArray()), ("X-Mine", "yes"u8.ToArray()));
        await raw.SendAsync(RawPeer.Frame("hello"u8.ToArray()));
        using var message = await pull.ReceiveAsync().Within();
        Assert.Equal("yes", message.GetProperty("X-Mine"));
        Assert.Null(message.GetProperty("Peer-Address"));
    }

    /// <summary>Subscribes the raw peer to <paramref name="topic"/> and checks a publication reaches it.</summary>
    private static async Task AssertStillSubscribedAsync(ZmtpSocket pub, RawPeer raw, string topic)
    {
        await raw.SendAsync(RawPeer.Subscribe(Encoding.ASCII.GetBytes(topic)));
        var reading = raw.ReadFrameAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!reading.IsCompleted && started.Elapsed < Wait.Limit)
        {
            await pub.SendAsync(topic).Within();
            await Task.WhenAny(reading, Task.Delay(20));
        }

        var (_, body) = await reading;
        Assert.Equal(topic, Encoding.ASCII.GetString(body));
    }
}
