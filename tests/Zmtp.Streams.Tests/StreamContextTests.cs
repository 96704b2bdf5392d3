using Zmtp.Streams.Tests.Support;

namespace Zmtp.Streams.Tests;

public sealed class StreamContextTests
{
    [Fact]
    public async Task Without_a_loop_or_context_a_stream_uses_the_default_loop()
    {
        await using var pull = new PullSocket();
        var endpoint = pull.Bind("tcp://127.0.0.1:*");

        // Task.Run code has no synchronization context: no pre-configuration, the default loop is used.
        var stream = await Task.Run(() => new ZmtpStream(pull));
        Assert.Same(EventLoop.Default, stream.Loop);
        var ranOn = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        stream.OnReceive(_ => ranOn.TrySetResult(EventLoop.Current == EventLoop.Default));
        await using var push = new PushSocket();
        push.Connect(endpoint);
        await push.SendAsync("hi");
        Assert.True(await ranOn.Task.WaitAsync(LoopScope.Timeout));
        await stream.CloseAsync().WaitAsync(LoopScope.Timeout);
    }

    [Fact]
    public async Task A_stream_created_on_a_loop_uses_that_loop()
    {
        await using var scope = LoopScope.Start();
        await using var pull = new PullSocket();
        var stream = await scope.OnLoop(() => new ZmtpStream(pull));
        Assert.Same(scope.Loop, stream.Loop);
    }

    [Fact]
    public async Task A_stream_uses_the_synchronization_context_current_at_creation()
    {
        await using var scope = LoopScope.Start();
        var context = new CountingContext(scope.Loop.SynchronizationContext);
        await using var pull = new PullSocket();
        var endpoint = pull.Bind("tcp://127.0.0.1:*");
        ZmtpStream stream;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            stream = new ZmtpStream(pull);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        Assert.Null(stream.Loop);
        Assert.Same(context, stream.SynchronizationContext);
        var seen = new Collector<string>();
        stream.OnReceive(message => seen.Add(message.GetString()));
        await using var push = new PushSocket();
        push.Connect(endpoint);
        await push.SendAsync("via the context");
        await seen.WaitForAsync(1);
        Assert.True(context.Posts > 0);
        Assert.Equal("via the context", seen.Snapshot()[0]);
    }

    [Fact]
    public async Task Callbacks_never_overlap_even_on_a_context_that_runs_posts_in_parallel()
    {
        await using var pull = new PullSocket();
        var endpoint = pull.Bind("tcp://127.0.0.1:*");
        var stream = new ZmtpStream(pull, new SynchronizationContext());
        var running = 0;
        var overlaps = 0;
        var seen = new Collector<int>();
        stream.OnReceive(message =>
        {
            if (Interlocked.Increment(ref running) != 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            seen.Add(int.Parse(message.GetString(), System.Globalization.CultureInfo.InvariantCulture));
            Interlocked.Decrement(ref running);
        });
        await using var push = new PushSocket();
        push.Connect(endpoint);
        for (var i = 0; i < 2000; i++)
        {
            await push.SendAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await seen.WaitForAsync(2000);
        Assert.Equal(0, overlaps);
        Assert.Equal(Enumerable.Range(0, 2000), seen.Snapshot());
        await stream.CloseAsync().WaitAsync(LoopScope.Timeout);
    }

    private sealed class CountingContext(SynchronizationContext inner) : SynchronizationContext
    {
        private int _posts;

        public int Posts => Volatile.Read(ref _posts);

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref _posts);
            inner.Post(d, state);
        }
    }
}
