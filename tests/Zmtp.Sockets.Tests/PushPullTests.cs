using System.Diagnostics;
using System.Threading.Channels;
using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>libzmq test_spec_pushpull behaviours over tcp, plus ordering and connect-before-bind.</summary>
public sealed class PushPullTests
{
    /// <summary>Spec 13: a bound PUSH round-robins over its connected PULLs.</summary>
    [Fact]
    public async Task Bound_push_round_robins_over_connected_pulls()
    {
        const int Services = 5;
        await using var push = new PushSocket().NoLinger();
        var endpoint = push.BindLocal();
        var pulls = new PullSocket[Services];
        var collectors = new Collector[Services];
        for (var i = 0; i < Services; i++)
        {
            pulls[i] = new PullSocket().NoLinger();
            pulls[i].Connect(endpoint);
            collectors[i] = new Collector(pulls[i]);
        }

        try
        {
            // A bound PUSH routes only to completed connections: probe until every PULL has one.
            var start = Stopwatch.GetTimestamp();
            while (collectors.Any(c => !c.SawProbe))
            {
                Assert.True(Stopwatch.GetElapsedTime(start) < Wait.Limit, "Not every PULL connected.");
                await push.SendAsync("P").Within();
                await Task.Delay(5);
            }

            // Five consecutive messages over five ready peers visit each peer once, wherever the
            // rotation stands.
            for (var i = 0; i < Services; i++)
            {
                await push.SendAsync("ABC").Within();
            }

            for (var i = 0; i < Services; i++)
            {
                await push.SendAsync("DEF").Within();
            }

            foreach (var collector in collectors)
            {
                Assert.Equal("ABC", await collector.NextAfterProbesAsync());
                Assert.Equal("DEF", await collector.NextAfterProbesAsync());
            }
        }
        finally
        {
            foreach (var pull in pulls)
            {
                await pull.DisposeAsync();
            }
        }
    }

    /// <summary>Round-robin over connected endpoints: their queues exist from Connect on.</summary>
    [Fact]
    public async Task Connected_push_round_robins_in_connection_order()
    {
        await using var push = new PushSocket().NoLinger();
        var pulls = new PullSocket[3];
        try
        {
            for (var i = 0; i < pulls.Length; i++)
            {
                pulls[i] = new PullSocket().NoLinger();
                push.Connect(pulls[i].BindLocal());
            }

            for (var i = 0; i < 9; i++)
            {
                await push.SendAsync($"m{i}").Within();
            }

            for (var p = 0; p < pulls.Length; p++)
            {
                for (var round = 0; round < 3; round++)
                {
                    Assert.Equal($"m{(round * pulls.Length) + p}", await pulls[p].ReceiveStringAsync().Within());
                }
            }
        }
        finally
        {
            foreach (var pull in pulls)
            {
                if (pull is not null)
                {
                    await pull.DisposeAsync();
                }
            }
        }
    }

    /// <summary>Spec 14: with every pusher's two messages waiting, the first five received are one per pusher.</summary>
    [Fact]
    public async Task Pull_fair_queues_between_pushers()
    {
        const int Services = 5;
        await using var pull = new PullSocket().NoLinger();
        var endpoint = pull.BindLocal();
        var pushes = new PushSocket[Services];
        try
        {
            for (var i = 0; i < Services; i++)
            {
                pushes[i] = new PushSocket().NoLinger();
                pushes[i].Connect(endpoint);
                await pushes[i].SendAsync($"probe{i}").Within();
            }

            // Every connection is up once each pusher's probe has arrived.
            var probes = new HashSet<string>();
            for (var i = 0; i < Services; i++)
            {
                probes.Add(await pull.ReceiveStringAsync().Within());
            }

            Assert.Equal(Enumerable.Range(0, Services).Select(i => $"probe{i}").ToHashSet(), probes);

            for (var i = 0; i < Services; i++)
            {
                await pushes[i].SendAsync(((char)('A' + i)).ToString()).Within();
                await pushes[i].SendAsync(((char)('A' + i + Services)).ToString()).Within();
            }

            // Fair queuing is defined over messages that have arrived; like libzmq's test, let the ten
            // messages land before reading (this is not ordering between our own operations).
            await Task.Delay(500);

            var firstHalf = new List<string>();
            for (var i = 0; i < Services; i++)
            {
                firstHalf.Add(await pull.ReceiveStringAsync().Within());
            }

            var secondHalf = new List<string>();
            for (var i = 0; i < Services; i++)
            {
                secondHalf.Add(await pull.ReceiveStringAsync().Within());
            }

            Assert.Equal(["A", "B", "C", "D", "E"], firstHalf.Order());
            Assert.Equal(["F", "G", "H", "I", "J"], secondHalf.Order());
        }
        finally
        {
            foreach (var push in pushes)
            {
                if (push is not null)
                {
                    await push.DisposeAsync();
                }
            }
        }
    }

    /// <summary>Spec 15: a PUSH with no peer cannot send: it would block.</summary>
    [Fact]
    public async Task Push_without_peers_blocks()
    {
        await using var push = new PushSocket().NoLinger();

        Assert.False(push.TrySend(Msg("nowhere")));

        var watch = Stopwatch.StartNew();
        Assert.Throws<TimeoutException>(() => push.Send(Msg("nowhere"), TimeSpan.FromMilliseconds(250)));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));

        push.Options.SendTimeout = TimeSpan.FromMilliseconds(250);
        watch.Restart();
        await Assert.ThrowsAsync<TimeoutException>(async () => await push.SendAsync("nowhere").Within());
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));

        watch.Restart();
        Assert.Throws<TimeoutException>(() => push.Send(Msg("nowhere")));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Thousand_messages_arrive_in_order()
    {
        await using var pull = new PullSocket().NoLinger();
        await using var push = new PushSocket().NoLinger();
        push.Connect(pull.BindLocal());

        for (var i = 0; i < 1000; i++)
        {
            await push.SendAsync(Msg(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "tail")).Within();
        }

        for (var i = 0; i < 1000; i++)
        {
            var message = await pull.ReceiveAsync().Within();
            Assert.Equal([i.ToString(System.Globalization.CultureInfo.InvariantCulture), "tail"], message.Text());
        }
    }

    [Fact]
    public async Task Connect_before_bind_delivers()
    {
        var endpoint = UnusedEndpoint();
        await using var pull = new PullSocket().NoLinger();
        pull.Connect(endpoint);

        await using var push = new PushSocket().NoLinger();
        Assert.Equal(endpoint, push.Bind(endpoint));

        // The bound PUSH waits for the PULL's reconnect to complete its handshake.
        await push.SendAsync("late binder").Within();
        await push.SendAsync("second").Within();
        Assert.Equal("late binder", await pull.ReceiveStringAsync().Within());
        Assert.Equal("second", await pull.ReceiveStringAsync().Within());
    }

    /// <summary>Reads a PULL in the background so probes can be watched while the test sends.</summary>
    private sealed class Collector
    {
        private readonly Channel<string> _received = Channel.CreateUnbounded<string>();
        private volatile bool _sawProbe;

        public Collector(PullSocket pull) => _ = PumpAsync(pull);

        public bool SawProbe => _sawProbe;

        public async Task<string> NextAfterProbesAsync()
        {
            while (true)
            {
                var text = await _received.Reader.ReadAsync().Within();
                if (text != "P")
                {
                    return text;
                }
            }
        }

        private async Task PumpAsync(PullSocket pull)
        {
            try
            {
                while (true)
                {
                    var text = await pull.ReceiveStringAsync();
                    if (text == "P")
                    {
                        _sawProbe = true;
                    }

                    _received.Writer.TryWrite(text);
                }
            }
            catch (ObjectDisposedException)
            {
                // The test closed the socket.
            }
        }
    }
}
