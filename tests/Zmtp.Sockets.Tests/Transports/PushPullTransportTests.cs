using System.Buffers.Binary;
using System.Diagnostics;
using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests.Transports;

/// <summary>PUSH/PULL over tcp, ipc and inproc: order, round-robin (spec 13), fair-queue (spec 14),
/// high-water-mark back-pressure and linger.</summary>
public sealed class PushPullTransportTests
{
    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Messages_arrive_whole_and_in_order(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var pull = t.Open(c => new PullSocket(c));
        var push = t.Open(c => new PushSocket(c));
        push.Connect(t.Bind(pull));

        for (var i = 0; i < 1000; i++)
        {
            await push.SendAsync(Msg($"m{i}", $"part{i % 3}")).Within();
        }

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal([$"m{i}", $"part{i % 3}"], (await pull.ReceiveAsync().Within()).Text());
        }
    }

    /// <summary>Spec 13: a bound PUSH deals consecutive messages to its connected PULLs in turn.</summary>
    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Bound_push_round_robins(string transport)
    {
        const int Services = 4;
        await using var t = TransportCase.Create(transport);
        var push = t.Open(c => new PushSocket(c));
        var endpoint = t.Bind(push);
        var pulls = new PullSocket[Services];
        for (var i = 0; i < Services; i++)
        {
            pulls[i] = t.Open(c => new PullSocket(c));
            pulls[i].Connect(endpoint);
        }

        // A bound PUSH only routes to completed connections: probe until every PULL has had one.
        var seen = new bool[Services];
        var start = Stopwatch.GetTimestamp();
        while (seen.Contains(false))
        {
            Assert.True(Stopwatch.GetElapsedTime(start) < Wait.Limit, "Not every PULL connected.");
            await push.SendAsync("P").Within();
            await Task.Delay(5);
            for (var i = 0; i < Services; i++)
            {
                while (pulls[i].TryReceive(out var probe))
                {
                    Assert.Equal("P", probe.GetString(0));
                    seen[i] = true;
                }
            }
        }

        for (var i = 0; i < Services; i++)
        {
            await push.SendAsync("ABC").Within();
        }

        for (var i = 0; i < Services; i++)
        {
            await push.SendAsync("DEF").Within();
        }

        foreach (var pull in pulls)
        {
            Assert.Equal("ABC", (await pull.ReceiveSkippingAsync("P")).GetString(0));
            Assert.Equal("DEF", (await pull.ReceiveAsync().Within()).GetString(0));
        }
    }

    /// <summary>Spec 14: with two messages from each pusher waiting, the first ones taken are one per pusher.</summary>
    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Pull_fair_queues_between_pushers(string transport)
    {
        const int Services = 4;
        await using var t = TransportCase.Create(transport);
        var pull = t.Open(c => new PullSocket(c));
        var disconnects = pull.StartMonitor(SocketEventType.Disconnected);
        var endpoint = t.Bind(pull);
        var pushes = new PushSocket[Services];
        for (var i = 0; i < Services; i++)
        {
            pushes[i] = t.Open(c => new PushSocket(c));
            pushes[i].Options.Linger = Wait.Limit;
            pushes[i].Connect(endpoint);
        }

        for (var i = 0; i < Services; i++)
        {
            await pushes[i].SendAsync($"{(char)('A' + i)}1").Within();
            await pushes[i].SendAsync($"{(char)('A' + i)}2").Within();
        }

        // Everything must be waiting in the PULL before it reads: closing a PUSH lingers until its queue
        // has left (inproc: moved into the PULL); over a network the PULL's disconnect comes after the data.
        foreach (var push in pushes)
        {
            await push.DisposeAsync().AsTask().Within();
        }

        if (t.IsNetwork)
        {
            for (var i = 0; i < Services; i++)
            {
                await disconnects.ReadAsync().AsTask().Within();
            }
        }

        var firstRound = new List<string>();
        for (var i = 0; i < Services; i++)
        {
            firstRound.Add(await pull.ReceiveStringAsync().Within());
        }

        var secondRound = new List<string>();
        for (var i = 0; i < Services; i++)
        {
            secondRound.Add(await pull.ReceiveStringAsync().Within());
        }

        var letters = Enumerable.Range(0, Services).Select(i => (char)('A' + i)).ToArray();
        Assert.Equal(letters.Select(l => $"{l}1").Order(), firstRound.Order());
        Assert.Equal(letters.Select(l => $"{l}2").Order(), secondRound.Order());
    }

    /// <summary>At SNDHWM a PUSH waits instead of dropping; once the PULL reads, everything arrives in order.</summary>
    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task High_watermark_blocks_then_drains_without_loss(string transport)
    {
        const int Size = 64 * 1024;
        await using var t = TransportCase.Create(transport);
        var pull = t.Open(c => new PullSocket(c));
        pull.Options.ReceiveHighWatermark = 4;
        var push = t.Open(c => new PushSocket(c));
        push.Options.SendHighWatermark = 4;
        push.Connect(t.Bind(pull));

        var sent = 0;
        var blocked = false;
        while (sent < 5000 && !blocked)
        {
            try
            {
                push.Send(Numbered(sent, Size), TimeSpan.FromMilliseconds(500));
                sent++;
            }
            catch (TimeoutException)
            {
                blocked = true;
            }
        }

        Assert.True(blocked, $"{sent} messages were all accepted: SNDHWM never pushed back.");
        Assert.False(push.TrySend(Numbered(sent, Size)), "TrySend must report a full PUSH.");
        Assert.False(push.Events.HasFlag(PollEvents.Out), "A full PUSH must not report Out.");

        var pending = push.SendAsync(Numbered(sent, Size));
        for (var i = 0; i < sent; i++)
        {
            Assert.Equal(i, Number(await pull.ReceiveAsync().Within(), Size));
        }

        await pending.Within();
        Assert.Equal(sent, Number(await pull.ReceiveAsync().Within(), Size));
        Assert.Null(await pull.ReceiveOrNullAsync(Wait.Quiet));
    }

    /// <summary>Closing with linger still delivers what was queued, even to a peer that only appears while
    /// the socket lingers.</summary>
    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Linger_delivers_queued_messages_after_close(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var endpoint = t.FreshEndpoint();
        var push = t.Open(c => new PushSocket(c));
        push.Options.Linger = Wait.Limit;
        push.Connect(endpoint);
        for (var i = 0; i < 20; i++)
        {
            await push.SendAsync($"m{i}").Within();
        }

        var closing = push.DisposeAsync().AsTask();
        Assert.True(push.IsDisposed);
        Assert.False(closing.IsCompleted, "Nothing has left yet: the close must linger.");

        var pull = t.Open(c => new PullSocket(c));
        pull.Bind(endpoint);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal($"m{i}", await pull.ReceiveStringAsync().Within());
        }

        await closing.Within();
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Zero_linger_close_discards_queued_messages(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var endpoint = t.FreshEndpoint();
        var push = t.Open(c => new PushSocket(c));
        push.Connect(endpoint);
        await push.SendAsync("lost").Within();
        await push.DisposeAsync().AsTask().Within();

        var pull = t.Open(c => new PullSocket(c));
        pull.Bind(endpoint);
        Assert.Null(await pull.ReceiveOrNullAsync(Wait.Quiet));
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Push_connected_before_pull_binds(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var endpoint = t.FreshEndpoint();
        var push = t.Open(c => new PushSocket(c));
        push.Connect(endpoint);
        for (var i = 0; i < 5; i++)
        {
            await push.SendAsync($"early{i}").Within();
        }

        var pull = t.Open(c => new PullSocket(c));
        pull.Bind(endpoint);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal($"early{i}", await pull.ReceiveStringAsync().Within());
        }
    }

    private static Message Numbered(int n, int size)
    {
        var body = new byte[size];
        BinaryPrimitives.WriteInt32BigEndian(body, n);
        return new Message(body);
    }

    private static int Number(Message message, int size)
    {
        Assert.Equal(size, message[0].Length);
        return BinaryPrimitives.ReadInt32BigEndian(message[0].Span);
    }
}
