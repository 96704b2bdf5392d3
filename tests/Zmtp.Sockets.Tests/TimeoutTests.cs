using System.Diagnostics;
using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>Receive timeouts and cancellation (a cancelled receive consumes nothing).</summary>
public sealed class TimeoutTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task ReceiveAsync_honours_the_receive_timeout_option()
    {
        await using var pull = new PullSocket().NoLinger();
        pull.BindLocal();
        pull.Options.ReceiveTimeout = Short;

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<TimeoutException>(async () => await pull.ReceiveAsync().Within());
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));

        watch.Restart();
        Assert.Throws<TimeoutException>(() => pull.Receive());
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Blocking_receive_times_out()
    {
        await using var pull = new PullSocket().NoLinger();
        pull.BindLocal();

        var watch = Stopwatch.StartNew();
        Assert.Throws<TimeoutException>(() => pull.Receive(Short));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));

        watch.Restart();
        Assert.False(pull.TryReceive(Short, out var message));
        Assert.Null(message);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));

        Assert.False(pull.TryReceive(out _));
        Assert.False(pull.TryReceive(TimeSpan.Zero, out _));
    }

    [Fact]
    public async Task Blocking_receive_returns_a_message_that_arrives_in_time()
    {
        await using var pull = new PullSocket().NoLinger();
        await using var push = new PushSocket().NoLinger();
        push.Connect(pull.BindLocal());
        await push.SendAsync(Msg("a", "b")).Within();

        Assert.True(pull.TryReceive(Wait.Limit, out var message));
        Assert.Equal(["a", "b"], message.Text());
        await push.SendAsync("c").Within();
        Assert.Equal(["c"], pull.Receive(Wait.Limit).Text());
    }

    [Fact]
    public async Task Cancelled_receive_consumes_nothing()
    {
        await using var pull = new PullSocket().NoLinger();
        await using var push = new PushSocket().NoLinger();
        push.Connect(pull.BindLocal());

        using var cts = new CancellationTokenSource();
        var pending = pull.ReceiveAsync(cts.Token);
        Assert.False(pending.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending.Within());

        // An already-cancelled token fails at once, also consuming nothing.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pull.ReceiveAsync(cts.Token));

        await push.SendAsync("first").Within();
        await push.SendAsync("second").Within();
        Assert.Equal("first", await pull.ReceiveStringAsync().Within());
        Assert.Equal("second", await pull.ReceiveStringAsync().Within());
    }

    [Fact]
    public async Task Many_cancelled_receives_lose_no_message()
    {
        await using var pull = new PullSocket().NoLinger();
        await using var push = new PushSocket().NoLinger();
        push.Connect(pull.BindLocal());

        // Cancellations race with arrivals; every message must still be received exactly once, in order.
        var sender = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await push.SendAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        });

        var next = 0;
        var start = Stopwatch.GetTimestamp();
        while (next < 200)
        {
            Assert.True(Stopwatch.GetElapsedTime(start) < Wait.Limit, $"Only {next} of 200 messages arrived.");
            var message = await pull.ReceiveOrNullAsync(TimeSpan.FromMilliseconds(1));
            if (message is not null)
            {
                Assert.Equal(next.ToString(System.Globalization.CultureInfo.InvariantCulture), message.GetString(0));
                next++;
            }
        }

        await sender.Within();
    }
}
