using System.Buffers.Binary;
using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests.Options;

/// <summary>CONFLATE (#28), IMMEDIATE (#23) and the inproc high-water mark (#24).</summary>
public sealed class QueueOptionsTests
{
    /// <summary>#28: a conflating PULL that was not reading gets only the newest of 20 messages.</summary>
    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Conflate_keeps_only_the_newest_message(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var pull = t.Open(c => new PullSocket(c));
        pull.Options.Conflate = true;
        var disconnected = pull.StartMonitor(SocketEventType.Disconnected);
        var endpoint = t.Bind(pull);
        var push = t.Open(c => new PushSocket(c));
        push.Options.Linger = Wait.Limit;
        push.Connect(endpoint);
        for (var i = 0; i < 20; i++)
        {
            await push.SendAsync($"m{i}").Within();
        }

        // All 20 must have reached the PULL before it reads: the PUSH's close lingers until they left, and
        // over a network the PULL sees the disconnect only after the data before it.
        await push.DisposeAsync().AsTask().Within();
        if (t.IsNetwork)
        {
            await disconnected.ReadAsync().AsTask().Within();
        }

        Assert.Equal("m19", await pull.ReceiveStringAsync().Within());
        Assert.Null(await pull.ReceiveOrNullAsync(Wait.Quiet));
    }

    /// <summary>#23: without IMMEDIATE a dead connected endpoint parks its share of the round-robin.</summary>
    [Fact]
    public async Task Without_immediate_a_dead_endpoint_parks_half_the_messages()
    {
        await using var pull = new PullSocket().NoLinger();
        var live = pull.BindLocal();
        await using var push = new PushSocket().NoLinger();
        push.Connect(UnusedEndpoint());
        push.Connect(live);

        for (var i = 0; i < 10; i++)
        {
            await push.SendAsync($"m{i}").Within();
        }

        for (var i = 1; i < 10; i += 2)
        {
            Assert.Equal($"m{i}", await pull.ReceiveStringAsync().Within());
        }

        Assert.Null(await pull.ReceiveOrNullAsync(Wait.Quiet));
    }

    [Fact]
    public async Task With_immediate_every_message_goes_to_the_live_endpoint()
    {
        await using var pull = new PullSocket().NoLinger();
        var live = pull.BindLocal();
        await using var push = new PushSocket().NoLinger();
        push.Options.Immediate = true;
        push.Connect(UnusedEndpoint());
        push.Connect(live);

        // With IMMEDIATE there is no queue until a connection completes: sends wait for the live one.
        for (var i = 0; i < 10; i++)
        {
            await push.SendAsync($"m{i}").Within();
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal($"m{i}", await pull.ReceiveStringAsync().Within());
        }
    }

    /// <summary>#23: with IMMEDIATE and the only peer gone, sends wait until it comes back.</summary>
    [Fact]
    public async Task With_immediate_sends_wait_while_the_peer_is_away()
    {
        var endpoint = $"ipc://@zmtp-test-{Guid.NewGuid():N}";
        await using var push = new PushSocket().NoLinger();
        push.Options.Immediate = true;
        push.Connect(endpoint);
        Assert.False(push.TrySend(Msg("no peer yet")));

        var pull = new PullSocket().NoLinger();
        pull.Bind(endpoint);
        await push.SendAsync("first").Within();
        Assert.Equal("first", await pull.ReceiveStringAsync().Within());
        await pull.DisposeAsync();

        await Wait.UntilAsync(() => !push.Events.HasFlag(PollEvents.Out), "the PUSH notices its peer is gone");
        Assert.False(push.TrySend(Msg("nowhere")));
        var waiting = push.SendAsync("second").AsTask();
        Assert.False(waiting.IsCompleted);

        await using var again = new PullSocket().NoLinger();
        again.Bind(endpoint);
        await waiting.Within();
        Assert.Equal("second", await again.ReceiveStringAsync().Within());
    }

    /// <summary>#24: over inproc the capacity is the sender's SNDHWM plus the receiver's RCVHWM.</summary>
    [Theory]
    [InlineData(1, 1, 2)]
    [InlineData(3, 5, 8)]
    [InlineData(1000, 1000, 2000)]
    public async Task Inproc_capacity_is_sndhwm_plus_rcvhwm(int sendHwm, int receiveHwm, int expected)
    {
        await using var context = new ZmtpContext();
        var endpoint = $"inproc://hwm-{Guid.NewGuid():N}";
        var pull = new PullSocket(context).NoLinger();
        pull.Options.ReceiveHighWatermark = receiveHwm;
        pull.Bind(endpoint);
        var push = new PushSocket(context).NoLinger();
        push.Options.SendHighWatermark = sendHwm;
        push.Connect(endpoint);

        var accepted = FillUntilBlocked(push);
        Assert.Equal(expected, accepted);

        // After draining, sending works again, and the count starts over.
        for (var i = 0; i < accepted; i++)
        {
            Assert.Equal(i, BinaryPrimitives.ReadInt32BigEndian((await pull.ReceiveAsync().Within())[0].Span));
        }

        Assert.Equal(expected, FillUntilBlocked(push));
    }

    [Fact]
    public async Task Inproc_hwm_zero_is_unlimited()
    {
        await using var context = new ZmtpContext();
        var endpoint = $"inproc://hwm0-{Guid.NewGuid():N}";
        var pull = new PullSocket(context).NoLinger();
        pull.Options.ReceiveHighWatermark = 0;
        pull.Bind(endpoint);
        var push = new PushSocket(context).NoLinger();
        push.Options.SendHighWatermark = 0;
        push.Connect(endpoint);

        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(push.TrySend(new Message(BitConverter.GetBytes(i))), $"Message {i} was refused with unlimited HWM.");
        }

        for (var i = 0; i < 10_000; i++)
        {
            Assert.Equal(i, BitConverter.ToInt32((await pull.ReceiveAsync().Within())[0].Span));
        }
    }

    /// <summary>Sends numbered messages until one waits 300 ms without being taken; returns how many went.</summary>
    private static int FillUntilBlocked(PushSocket push)
    {
        var accepted = 0;
        while (accepted < 100_000)
        {
            var body = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(body, accepted);
            if (!push.TrySend(new Message(body)))
            {
                try
                {
                    push.Send(new Message(body), TimeSpan.FromMilliseconds(300));
                }
                catch (TimeoutException)
                {
                    return accepted;
                }
            }

            accepted++;
        }

        return accepted;
    }
}
