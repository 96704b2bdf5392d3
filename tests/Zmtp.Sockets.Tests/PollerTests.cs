using System.Diagnostics;
using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>Poller: readiness of many sockets, awaitable and blocking, level-triggered.</summary>
public sealed class PollerTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Nothing_ready_returns_empty_after_the_timeout()
    {
        await using var a = new PullSocket().NoLinger();
        await using var b = new PullSocket().NoLinger();
        a.BindLocal();
        b.BindLocal();
        var poller = new Poller();
        poller.Register(a);
        poller.Register(b, PollEvents.In);

        var start = Stopwatch.GetTimestamp();
        var ready = await poller.PollAsync(ShortTimeout).Within();
        var elapsed = Stopwatch.GetElapsedTime(start);

        Assert.Empty(ready);
        Assert.InRange(elapsed, ShortTimeout * 0.9, ShortTimeout + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_message_on_the_second_of_three_sockets_reports_exactly_that_socket()
    {
        await using var first = new PullSocket().NoLinger();
        await using var second = new PullSocket().NoLinger();
        await using var third = new PullSocket().NoLinger();
        first.BindLocal();
        var endpoint = second.BindLocal();
        third.BindLocal();
        var poller = new Poller();
        poller.Register(first, PollEvents.In);
        poller.Register(second, PollEvents.In);
        poller.Register(third, PollEvents.In);

        // The poll is already waiting when the message arrives: the wake-up must reach it.
        var polling = poller.PollAsync(Timeout.InfiniteTimeSpan).AsTask();
        Assert.False(polling.IsCompleted);
        await using var push = new PushSocket().NoLinger();
        push.Connect(endpoint);
        await push.SendAsync(Msg("hello")).Within();

        var ready = await polling.Within();
        Assert.Equal([new PollItem(second, PollEvents.In)], ready);
        Assert.True(second.TryReceive(out var message));
        Assert.Equal(["hello"], message.Text());
    }

    [Fact]
    public async Task Push_reports_out_once_a_pull_connects_and_not_before()
    {
        await using var push = new PushSocket().NoLinger();
        var endpoint = push.BindLocal();
        var poller = new Poller();
        poller.Register(push);

        Assert.Empty(await poller.PollAsync(TimeSpan.Zero).Within());
        Assert.Empty(await poller.PollAsync(ShortTimeout).Within());

        var polling = poller.PollAsync(Timeout.InfiniteTimeSpan).AsTask();
        await using var pull = new PullSocket().NoLinger();
        pull.Connect(endpoint);

        Assert.Equal([new PollItem(push, PollEvents.Out)], await polling.Within());
    }

    [Fact]
    public async Task Ready_sockets_come_back_in_registration_order()
    {
        var pulls = new[] { new PullSocket().NoLinger(), new PullSocket().NoLinger(), new PullSocket().NoLinger() };
        var pushes = new[] { new PushSocket().NoLinger(), new PushSocket().NoLinger(), new PushSocket().NoLinger() };
        try
        {
            for (var i = 0; i < pulls.Length; i++)
            {
                pushes[i].Connect(pulls[i].BindLocal());
                await pushes[i].SendAsync(Msg($"m{i}")).Within();
            }

            foreach (var pull in pulls)
            {
                Assert.Equal(PollEvents.In, await pull.PollAsync(PollEvents.In, Wait.Limit).Within());
            }

            // Registration order, not creation or arrival order.
            var poller = new Poller();
            poller.Register(pulls[2]);
            poller.Register(pulls[0]);
            poller.Register(pulls[1]);
            var ready = await poller.PollAsync(TimeSpan.Zero).Within();
            Assert.Equal([pulls[2], pulls[0], pulls[1]], ready.Select(item => item.Socket));
            Assert.All(ready, item => Assert.Equal(PollEvents.In, item.Events));

            // Re-registering keeps the place.
            poller.Register(pulls[2], PollEvents.In);
            Assert.Equal([pulls[2], pulls[0], pulls[1]], (await poller.PollAsync(TimeSpan.Zero).Within()).Select(item => item.Socket));
        }
        finally
        {
            foreach (var socket in pulls.Concat<ZmtpSocket>(pushes))
            {
                await socket.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Modify_and_unregister_change_what_is_reported()
    {
        await using var pull = new PullSocket().NoLinger();
        await using var push = new PushSocket().NoLinger();
        push.Connect(pull.BindLocal());
        await push.SendAsync(Msg("x")).Within();
        Assert.Equal(PollEvents.In, await pull.PollAsync(PollEvents.In, Wait.Limit).Within());

        var poller = new Poller();
        poller.Register(pull, PollEvents.Out);
        Assert.True(poller.Contains(pull));
        Assert.Empty(await poller.PollAsync(TimeSpan.Zero).Within());

        poller.Modify(pull, PollEvents.In | PollEvents.Out);
        Assert.Equal([new PollItem(pull, PollEvents.In)], await poller.PollAsync(TimeSpan.Zero).Within());

        poller.Modify(pull, PollEvents.None);
        Assert.False(poller.Contains(pull));
        Assert.Empty(await poller.PollAsync(TimeSpan.Zero).Within());

        poller.Register(pull, PollEvents.In);
        poller.Unregister(pull);
        Assert.False(poller.Contains(pull));
        Assert.Throws<KeyNotFoundException>(() => poller.Unregister(pull));

        poller.Register(push, PollEvents.None);
        Assert.False(poller.Contains(push));
        Assert.Throws<ArgumentOutOfRangeException>(() => poller.Register(push, (PollEvents)4));
    }

    [Fact]
    public async Task Readiness_is_level_triggered()
    {
        await using var pull = new PullSocket().NoLinger();
        await using var push = new PushSocket().NoLinger();
        push.Connect(pull.BindLocal());
        var poller = new Poller();
        poller.Register(pull, PollEvents.In);

        await push.SendAsync(Msg("stay")).Within();
        var expected = new PollItem(pull, PollEvents.In);
        Assert.Equal([expected], await poller.PollAsync(Wait.Limit).Within());

        // Unread, the message keeps the socket readable, poll after poll.
        Assert.Equal([expected], await poller.PollAsync(Wait.Limit).Within());
        Assert.Equal([expected], poller.Poll(TimeSpan.Zero));

        Assert.True(pull.TryReceive(out _));
        Assert.Empty(await poller.PollAsync(TimeSpan.FromMilliseconds(50)).Within());
    }

    [Fact]
    public async Task Blocking_poll_wakes_when_a_message_arrives_and_times_out_otherwise()
    {
        await using var pull = new PullSocket().NoLinger();
        await using var push = new PushSocket().NoLinger();
        push.Connect(pull.BindLocal());
        var poller = new Poller();
        poller.Register(pull, PollEvents.In);

        var start = Stopwatch.GetTimestamp();
        Assert.Empty(poller.Poll(ShortTimeout));
        Assert.InRange(Stopwatch.GetElapsedTime(start), ShortTimeout * 0.9, ShortTimeout + TimeSpan.FromSeconds(5));

        using var blocked = new ManualResetEventSlim();
        var polling = Task.Factory.StartNew(
            () =>
            {
                blocked.Set();
                return poller.Poll(Timeout.InfiniteTimeSpan);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        Assert.True(blocked.Wait(Wait.Limit));
        await push.SendAsync(Msg("wake")).Within();

        Assert.Equal([new PollItem(pull, PollEvents.In)], await polling.Within());
    }

    [Fact]
    public async Task Cancellation_ends_a_waiting_poll()
    {
        await using var pull = new PullSocket().NoLinger();
        pull.BindLocal();
        var poller = new Poller();
        poller.Register(pull);
        using var cts = new CancellationTokenSource();

        var polling = poller.PollAsync(Timeout.InfiniteTimeSpan, cts.Token).AsTask();
        Assert.False(polling.IsCompleted);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => polling.Within());
    }

    [Fact]
    public async Task An_empty_poller_waits_for_the_timeout()
    {
        var poller = new Poller();
        var start = Stopwatch.GetTimestamp();
        Assert.Empty(await poller.PollAsync(TimeSpan.FromMilliseconds(100)).Within());
        Assert.True(Stopwatch.GetElapsedTime(start) >= TimeSpan.FromMilliseconds(90));
        Assert.Empty(poller.Poll(TimeSpan.Zero));
    }

    [Fact]
    public async Task A_disposed_socket_makes_the_poll_throw()
    {
        var pull = new PullSocket().NoLinger();
        pull.BindLocal();
        var poller = new Poller();
        poller.Register(pull);

        // Closed while a poll waits: the close's wake-up ends the poll with the error.
        var polling = poller.PollAsync(Timeout.InfiniteTimeSpan).AsTask();
        await pull.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => polling.Within());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => poller.PollAsync(TimeSpan.Zero).AsTask());
        Assert.Throws<ObjectDisposedException>(() => poller.Poll(TimeSpan.Zero));
    }

    [Fact]
    public async Task Negative_timeouts_other_than_infinite_are_rejected()
    {
        var poller = new Poller();
        Assert.Throws<ArgumentOutOfRangeException>(() => poller.Poll(TimeSpan.FromMilliseconds(-5)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => poller.PollAsync(TimeSpan.FromMilliseconds(-5)).AsTask());
    }
}
