using Zmtp.Sockets.Tests.Support;

namespace Zmtp.Sockets.Tests;

/// <summary>
/// Receiving into a caller's message (zmq_msg_recv style) and the message recycling behind it: frames stay
/// intact while held, nothing leaks between receives, and objects that reached the application are never
/// reused underneath it.
/// </summary>
public sealed class ReceiveIntoTests
{
    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task One_message_receives_many_of_every_size_and_shape(string transport)
    {
        await using var setup = TransportCase.Create(transport);
        var pull = setup.Open(c => new PullSocket(c));
        var push = setup.Open(c => new PushSocket(c));
        push.Connect(setup.Bind(pull));

        // Small frames (kept in the message's own buffer), large ones (pooled buffers), several frames,
        // empty frames, and a small one after a large one (the buffers must not leak into each other).
        var sent = new List<byte[][]>();
        for (var i = 0; i < 300; i++)
        {
            var frames = (i % 5) switch
            {
                0 => new[] { Bytes(i, 16) },
                1 => new[] { Bytes(i, 3000) },
                2 => new[] { Bytes(i, 10), Array.Empty<byte>(), Bytes(i + 1, 400) },
                3 => new[] { Bytes(i, 70_000), Bytes(i + 2, 5) },
                _ => new[] { Array.Empty<byte>() },
            };
            sent.Add(frames);
            await push.SendAsync(new Message(frames.Select(f => (ReadOnlyMemory<byte>)f).ToArray())).Within();
        }

        using var message = new Message();
        foreach (var expected in sent)
        {
            await pull.ReceiveAsync(message).Within();
            Assert.Equal(expected.Length, message.Count);
            for (var f = 0; f < expected.Length; f++)
            {
                Assert.Equal(expected[f], message[f].ToArray());
            }
        }
    }

    [Fact]
    public async Task A_received_message_keeps_its_frames_while_later_messages_arrive()
    {
        await using var setup = TransportCase.Create("tcp");
        var pull = setup.Open(c => new PullSocket(c));
        var push = setup.Open(c => new PushSocket(c));
        push.Connect(setup.Bind(pull));

        await push.SendAsync("first").Within();
        var kept = await pull.ReceiveAsync().Within();
        kept.Dispose();
        kept.Dispose(); // twice: must not hand the object (or its buffer) to a later receive

        using var into = new Message();
        for (var i = 0; i < 2000; i++)
        {
            await push.SendAsync($"later {i}").Within();
            await pull.ReceiveAsync(into).Within();
            Assert.Equal($"later {i}", into.GetString());
        }

        var held = await pull.ReceiveOrNullAsync(TimeSpan.Zero);
        Assert.Null(held);

        await push.SendAsync("kept").Within();
        using var keeper = await pull.ReceiveAsync().Within();
        for (var i = 0; i < 2000; i++)
        {
            await push.SendAsync($"more {i}").Within();
            await pull.ReceiveAsync(into).Within();
        }

        Assert.Equal("kept", keeper.GetString());
    }

    [Fact]
    public async Task Receiving_into_a_message_still_queued_for_sending_is_refused()
    {
        await using var setup = TransportCase.Create("tcp");
        var receiver = setup.Open(c => new PullSocket(c));
        var sender = setup.Open(c => new PushSocket(c));
        sender.Connect(setup.Bind(receiver));
        await sender.SendAsync("x").Within();

        // Fill the sender's queue with no connection to drain it, so the message stays queued.
        var unconnected = setup.Open(c => new PushSocket(c));
        unconnected.Options.Immediate = false;
        unconnected.Connect(Net.UnusedEndpoint());
        var queued = Message.FromStrings("queued");
        Assert.True(unconnected.TrySend(queued));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await receiver.ReceiveAsync(queued));
        Assert.Contains("queued for sending", error.Message);
        Assert.Equal("queued", queued.GetString()); // untouched

        // The refused receive consumed nothing.
        using var into = new Message();
        await receiver.ReceiveAsync(into).Within();
        Assert.Equal("x", into.GetString());
    }

    [Fact]
    public async Task A_disposed_message_can_be_received_into()
    {
        await using var setup = TransportCase.Create("inproc");
        var pull = setup.Open(c => new PullSocket(c));
        var push = setup.Open(c => new PushSocket(c));
        push.Connect(setup.Bind(pull));

        var message = Message.FromStrings("old", "frames");
        message.Dispose();
        await push.SendAsync("new").Within();
        await pull.ReceiveAsync(message).Within();
        Assert.Equal(["new"], message.Text());
        message.Dispose();
    }

    [Fact]
    public async Task TryReceive_into_leaves_the_message_alone_when_nothing_waits()
    {
        await using var setup = TransportCase.Create("inproc");
        var pull = setup.Open(c => new PullSocket(c));
        var push = setup.Open(c => new PushSocket(c));
        push.Connect(setup.Bind(pull));

        using var message = Message.FromStrings("mine");
        Assert.False(pull.TryReceive(message));
        Assert.Equal(["mine"], message.Text());

        await push.SendAsync("theirs").Within();
        await Wait.UntilAsync(() => pull.TryReceive(message), "a message");
        Assert.Equal(["theirs"], message.Text());
    }

    [Fact]
    public async Task Blocking_receive_into_fills_the_message_or_times_out_leaving_it_alone()
    {
        await using var setup = TransportCase.Create("inproc");
        var pull = setup.Open(c => new PullSocket(c));
        var push = setup.Open(c => new PushSocket(c));
        push.Connect(setup.Bind(pull));

        using var message = Message.FromStrings("before");
        Assert.Throws<TimeoutException>(() => pull.Receive(message, TimeSpan.FromMilliseconds(50)));
        Assert.Equal(["before"], message.Text());

        await push.SendAsync("after").Within();
        pull.Receive(message, Wait.Limit);
        Assert.Equal(["after"], message.Text());
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("inproc")]
    public async Task Router_and_dealer_envelopes_survive_receiving_into_one_message(string transport)
    {
        await using var setup = TransportCase.Create(transport);
        var router = setup.Open(c => new RouterSocket(c));
        var dealer = setup.Open(c => new DealerSocket(c));
        dealer.Options.RoutingId = "D1"u8.ToArray();
        dealer.Connect(setup.Bind(router));

        using var request = new Message();
        using var reply = new Message();
        for (var i = 0; i < 500; i++)
        {
            await dealer.SendAsync(Message.FromStrings($"req {i}")).Within();
            await router.ReceiveAsync(request).Within();
            Assert.Equal(["D1", $"req {i}"], request.Text());

            await router.SendAsync(Message.FromStrings("D1", $"rep {i}")).Within();
            await dealer.ReceiveAsync(reply).Within();
            Assert.Equal([$"rep {i}"], reply.Text());
        }
    }

    [Fact]
    public async Task Connection_properties_come_with_a_message_received_into()
    {
        await using var setup = TransportCase.Create("tcp");
        var router = setup.Open(c => new RouterSocket(c));
        var dealer = setup.Open(c => new DealerSocket(c));
        dealer.Connect(setup.Bind(router));

        await dealer.SendAsync("hello").Within();
        using var message = new Message();
        await router.ReceiveAsync(message).Within();
        Assert.Equal("DEALER", message.GetProperty("Socket-Type"));
        Assert.Equal("127.0.0.1", message.GetProperty("Peer-Address"));
    }

    [Fact]
    public async Task A_received_message_forwarded_over_inproc_keeps_its_bytes_after_the_next_receive()
    {
        // A proxy pattern: what arrived over tcp (in a recycled buffer) is re-sent over inproc, which shares
        // the frames; receiving again must not overwrite them before the inproc receiver has them.
        await using var setup = TransportCase.Create("tcp");
        await using var context = new ZmtpContext();
        var pull = setup.Open(c => new PullSocket(c));
        var push = setup.Open(c => new PushSocket(c));
        push.Connect(setup.Bind(pull));
        await using var forward = new PushSocket(context);
        await using var sink = new PullSocket(context);
        sink.Bind("inproc://forward");
        forward.Connect("inproc://forward");

        for (var i = 0; i < 200; i++)
        {
            await push.SendAsync($"payload {i}").Within();
            var message = await pull.ReceiveAsync().Within();
            await forward.SendAsync(message).Within();
            message.Dispose();
        }

        using var into = new Message();
        for (var i = 0; i < 200; i++)
        {
            await sink.ReceiveAsync(into).Within();
            Assert.Equal($"payload {i}", into.GetString());
        }
    }

    private static byte[] Bytes(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
