using System.Diagnostics;
using Zmtp.Streams.Tests.Support;

namespace Zmtp.Streams.Tests;

public sealed class EventLoopTimerTests
{
    [Fact]
    public async Task CallLater_runs_on_the_loop_after_the_delay()
    {
        await using var scope = LoopScope.Start();
        var fired = new TaskCompletionSource<(TimeSpan Elapsed, bool OnLoop)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        var timer = scope.Loop.CallLater(TimeSpan.FromMilliseconds(100), () => fired.SetResult((clock.Elapsed, EventLoop.Current == scope.Loop)));
        Assert.True(timer.IsActive);
        var (elapsed, onLoop) = await fired.Task.WaitAsync(LoopScope.Timeout);
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(95), $"fired after {elapsed}");
        Assert.True(onLoop);
        Assert.False(timer.IsActive);
    }

    [Fact]
    public async Task A_cancelled_timer_never_fires()
    {
        await using var scope = LoopScope.Start();
        var cancelledFired = false;
        var cancelled = scope.Loop.CallLater(TimeSpan.FromMilliseconds(50), () => cancelledFired = true);
        cancelled.Cancel();
        var later = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        scope.Loop.CallLater(TimeSpan.FromMilliseconds(150), later.SetResult);
        await later.Task.WaitAsync(LoopScope.Timeout);
        Assert.False(cancelledFired);
        Assert.False(cancelled.IsActive);
    }

    [Fact]
    public async Task Timers_fire_in_due_order_and_CallAt_uses_a_moment()
    {
        await using var scope = LoopScope.Start();
        var order = new Collector<string>();
        scope.Loop.CallLater(TimeSpan.FromMilliseconds(120), () => order.Add("third"));
        scope.Loop.CallAt(DateTimeOffset.UtcNow.AddMilliseconds(60), () => order.Add("second"));
        scope.Loop.CallLater(TimeSpan.Zero, () => order.Add("first"));
        await order.WaitForAsync(3);
        Assert.Equal(["first", "second", "third"], order.Snapshot());
    }

    [Fact]
    public async Task CallEvery_repeats_until_cancelled_and_survives_exceptions()
    {
        await using var scope = LoopScope.Start();
        var ticks = new Collector<int>();
        var count = 0;
        LoopTimer? timer = null;
        timer = scope.Loop.CallEvery(TimeSpan.FromMilliseconds(10), () =>
        {
            count++;
            ticks.Add(count);
            if (count == 2)
            {
                throw new InvalidDataException("tick");
            }

            if (count == 5)
            {
                timer!.Cancel();
            }
        });
        await ticks.WaitForAsync(5);
        var after = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        scope.Loop.CallLater(TimeSpan.FromMilliseconds(100), after.SetResult);
        await after.Task.WaitAsync(LoopScope.Timeout);
        Assert.Equal(5, ticks.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(10), timer.Period);
        Assert.IsType<InvalidDataException>(Assert.Single(scope.Errors).Exception);
    }

    [Fact]
    public void CallEvery_needs_a_positive_period()
    {
        using var loop = new EventLoop();
        Assert.Throws<ArgumentOutOfRangeException>(() => loop.CallEvery(TimeSpan.Zero, () => { }));
    }
}
