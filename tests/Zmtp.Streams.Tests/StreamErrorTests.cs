using System.Collections.Concurrent;
using Zmtp.Streams.Tests.Support;

namespace Zmtp.Streams.Tests;

public sealed class StreamErrorTests
{
    [Fact]
    public async Task A_throwing_receive_callback_is_reported_and_the_next_messages_still_arrive()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();

        // pyzmq 24 stalled here: the callback raised on the first of two queued messages and neither the
        // second nor a third sent later was ever delivered.
        var (pull, push) = await Sockets.QueuedPullAsync(context, 2);
        var errors = new ConcurrentQueue<StreamErrorEventArgs>();
        var stream = scope.Stream(pull, errors);
        var seen = new Collector<string>();
        string? messageInError = null;
        stream.Error += (_, e) => messageInError = e.Message?.GetString();
        stream.OnReceive(message =>
        {
            seen.Add(message.GetString());
            if (message.GetString() == "0")
            {
                throw new InvalidDataException("callback failed");
            }
        });
        await seen.WaitForAsync(3);
        await push.SendAsync("later");
        await seen.WaitForAsync(4);
        Assert.Equal(["0", "1", "2", "later"], seen.Snapshot());
        var error = Assert.Single(errors);
        Assert.Equal(StreamErrorSource.ReceiveCallback, error.Source);
        Assert.IsType<InvalidDataException>(error.Exception);
        Assert.Equal("0", messageInError);
        Assert.False(stream.IsClosed);
        Assert.True(stream.IsReceiving);
    }

    [Fact]
    public async Task A_failing_callback_does_not_stop_the_loop_or_other_streams()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        var (failingPull, failingPush) = await Sockets.QueuedPullAsync(context, 3);
        var (healthyPull, healthyPush) = await Sockets.QueuedPullAsync(context, 3);
        var failing = scope.Stream(failingPull);
        var healthy = scope.Stream(healthyPull);
        var failures = 0;
        var healthySeen = new Collector<string>();
        failing.OnReceive(_ =>
        {
            failures++;
            throw new InvalidDataException("always");
        });
        healthy.OnReceive(message => healthySeen.Add(message.GetString()));
        await healthySeen.WaitForAsync(4);
        await Eventually.TrueAsync(() => scope.Errors.Count == 4, "four reports on the loop's Error event");
        Assert.Equal(4, failures);
        Assert.All(scope.Errors, e => Assert.IsType<InvalidDataException>(e.Exception));
        Assert.Equal(7, await scope.OnLoop(() => 7));
    }

    [Fact]
    public async Task A_throwing_send_callback_is_reported_and_sending_goes_on()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        await using var pull = new PullSocket(context);
        await using var push = new PushSocket(context);
        var name = Sockets.InprocName();
        pull.Bind(name);
        push.Connect(name);
        var errors = new ConcurrentQueue<StreamErrorEventArgs>();
        var stream = scope.Stream(push, errors);
        stream.OnSend(_ => throw new InvalidDataException("send callback"));
        stream.SendString("a");
        stream.SendString("b");
        using var timeout = new CancellationTokenSource(LoopScope.Timeout);
        Assert.Equal("a", await pull.ReceiveStringAsync(timeout.Token));
        Assert.Equal("b", await pull.ReceiveStringAsync(timeout.Token));
        await Eventually.TrueAsync(() => errors.Count == 2, "two reports");
        Assert.All(errors, e => Assert.Equal(StreamErrorSource.SendCallback, e.Source));
    }
}
