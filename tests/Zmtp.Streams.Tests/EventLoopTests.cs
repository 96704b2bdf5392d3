using Zmtp.Streams.Tests.Support;

namespace Zmtp.Streams.Tests;

public sealed class EventLoopTests
{
    [Fact]
    public async Task Posted_actions_run_in_order_on_the_loop_thread()
    {
        await using var scope = LoopScope.Start();
        var seen = new Collector<(int Value, bool OnLoop, int Thread)>();
        for (var i = 0; i < 100; i++)
        {
            var value = i;
            scope.Loop.Post(() => seen.Add((value, EventLoop.Current == scope.Loop && scope.Loop.IsOnLoopThread, Environment.CurrentManagedThreadId)));
        }

        await seen.WaitForAsync(100);
        var items = seen.Snapshot();
        Assert.Equal(Enumerable.Range(0, 100), items.Select(item => item.Value));
        Assert.All(items, item => Assert.True(item.OnLoop));
        Assert.Single(items.Select(item => item.Thread).Distinct());
        Assert.Null(EventLoop.Current);
        Assert.False(scope.Loop.IsOnLoopThread);
    }

    [Fact]
    public async Task Callbacks_posted_from_many_threads_never_overlap()
    {
        await using var scope = LoopScope.Start();
        var running = 0;
        var overlaps = 0;
        var done = new Collector<int>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                scope.Loop.Post(() =>
                {
                    if (Interlocked.Increment(ref running) != 1)
                    {
                        Interlocked.Increment(ref overlaps);
                    }

                    Thread.SpinWait(50);
                    Interlocked.Decrement(ref running);
                    done.Add(1);
                });
            }
        })));
        await done.WaitForAsync(2000);
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public async Task Run_blocks_the_calling_thread_until_Stop()
    {
        using var loop = new EventLoop();
        var stoppedOnThread = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            loop.Run();
            stoppedOnThread.SetResult(Environment.CurrentManagedThreadId);
        });
        thread.Start();
        var ranOn = await loop.InvokeAsync(() => Environment.CurrentManagedThreadId).WaitAsync(LoopScope.Timeout);
        Assert.True(loop.IsRunning);
        Assert.False(stoppedOnThread.Task.IsCompleted);
        loop.Stop();
        Assert.Equal(ranOn, await stoppedOnThread.Task.WaitAsync(LoopScope.Timeout));
        Assert.False(loop.IsRunning);
    }

    [Fact]
    public async Task RunAsync_completes_when_stopped_and_the_loop_can_run_again()
    {
        var loop = new EventLoop();
        var first = loop.RunAsync();
        Assert.IsType<InvalidOperationException>(Record.Exception(() => { _ = loop.RunAsync(); }));
        Assert.Equal(1, await loop.InvokeAsync(() => 1).WaitAsync(LoopScope.Timeout));
        loop.Stop();
        await first.WaitAsync(LoopScope.Timeout);

        // Work posted while stopped waits for the next run.
        var later = loop.InvokeAsync(() => 2);
        Assert.False(later.IsCompleted);
        var second = loop.RunAsync();
        Assert.Equal(2, await later.WaitAsync(LoopScope.Timeout));
        await loop.DisposeAsync();
        await second.WaitAsync(LoopScope.Timeout);
        Assert.Throws<ObjectDisposedException>(() => loop.Post(() => { }));
    }

    [Fact]
    public async Task An_exception_in_a_callback_is_reported_and_the_loop_goes_on()
    {
        await using var scope = LoopScope.Start();
        scope.Loop.Post(() => throw new InvalidDataException("boom"));
        Assert.Equal(42, await scope.OnLoop(() => 42));
        var error = Assert.Single(scope.Errors);
        Assert.IsType<InvalidDataException>(error.Exception);
        Assert.True(scope.Loop.IsRunning);
    }

    [Fact]
    public async Task An_async_void_exception_is_reported_through_the_loop()
    {
        await using var scope = LoopScope.Start();
        async void Fails()
        {
            await Task.Yield();
            throw new InvalidDataException("async void");
        }

        scope.Loop.Post(Fails);
        await Eventually.TrueAsync(() => !scope.Errors.IsEmpty, "the error report");
        Assert.IsType<InvalidDataException>(Assert.Single(scope.Errors).Exception);
        Assert.Equal(1, await scope.OnLoop(() => 1));
    }

    [Fact]
    public async Task Awaits_in_a_coroutine_resume_on_the_loop()
    {
        await using var scope = LoopScope.Start();
        var threads = await scope.Loop.RunCoroutine(async () =>
        {
            var before = Environment.CurrentManagedThreadId;
            await Task.Delay(10);
            var afterDelay = Environment.CurrentManagedThreadId;
            await Task.Run(() => { });
            return (before, afterDelay, Environment.CurrentManagedThreadId, EventLoop.Current == scope.Loop);
        }).WaitAsync(LoopScope.Timeout);
        Assert.Equal(threads.before, threads.afterDelay);
        Assert.Equal(threads.before, threads.Item3);
        Assert.True(threads.Item4);
    }

    [Fact]
    public async Task A_posted_coroutine_that_fails_is_reported_but_cancellation_is_not()
    {
        await using var scope = LoopScope.Start();
        scope.Loop.Post(async () =>
        {
            await Task.Yield();
            throw new InvalidDataException("coroutine");
        });
        scope.Loop.Post(async () =>
        {
            await Task.Yield();
            throw new OperationCanceledException();
        });
        await Eventually.TrueAsync(() => !scope.Errors.IsEmpty, "the error report");
        await scope.OnLoop(() => { });
        await scope.OnLoop(() => { });
        Assert.IsType<InvalidDataException>(Assert.Single(scope.Errors).Exception);
    }

    [Fact]
    public async Task RunCoroutine_and_InvokeAsync_carry_results_and_exceptions()
    {
        await using var scope = LoopScope.Start();
        Assert.Equal("x", await scope.Loop.RunCoroutine(async () =>
        {
            await Task.Yield();
            return "x";
        }).WaitAsync(LoopScope.Timeout));
        await Assert.ThrowsAsync<InvalidDataException>(() => scope.Loop.RunCoroutine(() => throw new InvalidDataException()).WaitAsync(LoopScope.Timeout));
        await Assert.ThrowsAsync<InvalidDataException>(() => scope.Loop.InvokeAsync(() => throw new InvalidDataException()).WaitAsync(LoopScope.Timeout));
        Assert.Empty(scope.Errors);
    }

    [Fact]
    public async Task The_synchronization_context_Send_runs_on_the_loop_and_waits()
    {
        await using var scope = LoopScope.Start();
        var ranOn = 0;
        await Task.Run(() => scope.Loop.SynchronizationContext.Send(_ => ranOn = Environment.CurrentManagedThreadId, null)).WaitAsync(LoopScope.Timeout);
        Assert.Equal(await scope.OnLoop(() => Environment.CurrentManagedThreadId), ranOn);
    }

    [Fact]
    public async Task The_default_loop_runs_in_the_background_and_cannot_be_stopped()
    {
        var loop = EventLoop.Default;
        Assert.Same(loop, EventLoop.Default);
        Assert.True(await loop.InvokeAsync(() => EventLoop.Current == EventLoop.Default).WaitAsync(LoopScope.Timeout));
        Assert.Throws<InvalidOperationException>(loop.Stop);
        Assert.Throws<InvalidOperationException>(loop.Dispose);
        Assert.True(loop.IsRunning);
    }

    [Fact]
    public async Task Loops_do_not_nest()
    {
        await using var scope = LoopScope.Start();
        using var other = new EventLoop();
        var error = await scope.Loop.InvokeAsync(() => Record.Exception(other.Run)).WaitAsync(LoopScope.Timeout);
        Assert.IsType<InvalidOperationException>(error);
    }
}
