using Zmtp.Streams.Tests.Support;

namespace Zmtp.Streams.Tests;

/// <summary>zmq.green's promise, here: nothing on the loop ever blocks; the poller and the proxy (green.device)
/// run as awaitables on the loop while streams keep working.</summary>
public sealed class GreenTests
{
    [Fact]
    public async Task A_proxy_awaited_on_the_loop_forwards_while_other_streams_keep_working()
    {
        await using var scope = LoopScope.Start();
        await using var frontend = new PullSocket();
        await using var backend = new PushSocket();
        var frontEndpoint = frontend.Bind("tcp://127.0.0.1:*");
        var backEndpoint = backend.Bind("tcp://127.0.0.1:*");
        using var stop = new CancellationTokenSource();
        var proxyOnLoop = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var proxyEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        scope.Loop.Post(async () =>
        {
            proxyOnLoop.SetResult(scope.Loop.IsOnLoopThread);
            try
            {
                await Proxy.RunAsync(frontend, backend, cancellationToken: stop.Token);
            }
            finally
            {
                proxyEnded.SetResult();
            }
        });

        // A stream on the same loop, echoing, while the proxy runs.
        await using var rep = new RepSocket();
        var echoEndpoint = rep.Bind("tcp://127.0.0.1:*");
        var echo = scope.Stream(rep);
        echo.OnReceive(echo.Send);
        var ticks = 0;
        using var ticker = scope.Loop.CallEvery(TimeSpan.FromMilliseconds(5), () => ticks++);

        await using var producer = new PushSocket();
        await using var consumer = new PullSocket();
        await using var client = new ReqSocket();
        producer.Connect(frontEndpoint);
        consumer.Connect(backEndpoint);
        client.Connect(echoEndpoint);
        using var timeout = new CancellationTokenSource(LoopScope.Timeout);
        for (var i = 0; i < 50; i++)
        {
            await producer.SendAsync($"through the proxy {i}", timeout.Token);
            await client.SendAsync($"echo {i}", timeout.Token);
            Assert.Equal($"echo {i}", await client.ReceiveStringAsync(timeout.Token));
            Assert.Equal($"through the proxy {i}", await consumer.ReceiveStringAsync(timeout.Token));
        }

        Assert.True(await proxyOnLoop.Task);
        Assert.True(await scope.OnLoop(() => ticks) > 0);
        await stop.CancelAsync();
        await proxyEnded.Task.WaitAsync(LoopScope.Timeout);
        Assert.Empty(scope.Errors);
    }

    [Fact]
    public async Task A_poller_awaited_on_the_loop_reports_readiness_and_resumes_on_the_loop()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        await using var a = new PullSocket(context);
        await using var b = new PullSocket(context);
        await using var pushA = new PushSocket(context);
        await using var pushB = new PushSocket(context);
        var nameA = Sockets.InprocName();
        var nameB = Sockets.InprocName();
        a.Bind(nameA);
        b.Bind(nameB);
        pushA.Connect(nameA);
        pushB.Connect(nameB);
        var ticks = 0;
        using var ticker = scope.Loop.CallEvery(TimeSpan.FromMilliseconds(5), () => ticks++);
        var polled = scope.Loop.RunCoroutine(async () =>
        {
            var poller = new Poller();
            poller.Register(a, PollEvents.In);
            poller.Register(b, PollEvents.In);
            var items = await poller.PollAsync(TimeSpan.FromSeconds(10));
            return (items.Select(item => item.Socket).ToArray(), scope.Loop.IsOnLoopThread, ticks);
        });

        // The loop is not blocked by the pending poll: timers keep firing.
        await Eventually.TrueAsync(() => Volatile.Read(ref ticks) >= 3, "timers to fire while the poll waits");
        Assert.False(polled.IsCompleted);
        await pushB.SendAsync("ready");
        var (ready, onLoop, _) = await polled.WaitAsync(LoopScope.Timeout);
        Assert.Equal([b], ready);
        Assert.True(onLoop);
    }
}
