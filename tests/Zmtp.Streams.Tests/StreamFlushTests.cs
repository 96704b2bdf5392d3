using Zmtp.Streams.Tests.Support;

namespace Zmtp.Streams.Tests;

public sealed class StreamFlushTests
{
    [Fact]
    public async Task Flushing_receives_without_a_callback_drops_up_to_the_limit()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        var (pull, _) = await Sockets.QueuedPullAsync(context, 5);
        var stream = scope.Stream(pull);

        // pyzmq 24 observed: five queued, flush(POLLIN, limit=2) returns 2 and those two are gone.
        Assert.Equal(2, await scope.OnLoop(() => stream.Flush(StreamEvents.Receive, limit: 2)));
        var seen = new Collector<string>();
        stream.OnReceive(message => seen.Add(message.GetString()));
        await seen.WaitForAsync(4);
        Assert.Equal(["2", "3", "4", "5"], seen.Snapshot());
    }

    [Fact]
    public async Task Flushing_receives_runs_the_callback_now_and_counts_them()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        var (pull, _) = await Sockets.QueuedPullAsync(context, 4);
        var stream = scope.Stream(pull);
        var seen = new List<string>();
        var (ran, during) = await scope.OnLoop(() =>
        {
            // Registered and flushed within one loop turn: only the flush can have run the callback.
            stream.OnReceive(message => seen.Add(message.GetString()));
            var count = stream.Flush(StreamEvents.Receive, limit: 3);
            return (count, seen.ToArray());
        });
        Assert.Equal(3, ran);
        Assert.Equal(["0", "1", "2"], during);
    }

    [Fact]
    public async Task Flushing_sends_writes_the_queue_and_runs_send_callbacks()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        await using var pull = new PullSocket(context);
        await using var push = new PushSocket(context);
        var name = Sockets.InprocName();
        pull.Bind(name);
        push.Connect(name);
        var stream = scope.Stream(push);
        var written = new List<string>();
        stream.OnSend(message => written.Add(message.GetString()));
        var (ran, during, stillSending) = await scope.OnLoop(() =>
        {
            stream.SendString("a");
            stream.SendString("b");
            stream.SendString("c");
            var count = stream.Flush(StreamEvents.Send);
            return (count, written.ToArray(), stream.IsSending);
        });
        Assert.Equal(3, ran);
        Assert.Equal(["a", "b", "c"], during);
        Assert.False(stillSending);
    }

    [Fact]
    public async Task Flush_returns_receives_and_sends_together_and_never_exceeds_the_limit()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        var (pull, _) = await Sockets.QueuedPullAsync(context, 3);
        await using var dealerPeer = new DealerSocket(context);
        await using var dealer = new DealerSocket(context);
        var name = Sockets.InprocName();
        dealerPeer.Bind(name);
        dealer.Connect(name);
        await Eventually.TrueAsync(() => (dealer.Events & PollEvents.Out) != 0, "the dealer to connect");
        var receiving = scope.Stream(pull);
        var both = scope.Stream(dealer);
        var results = await scope.OnLoop(() =>
        {
            receiving.OnReceive(_ => { });
            var limited = receiving.Flush(limit: 2);
            var zero = receiving.Flush(limit: 0);
            var rest = receiving.Flush();
            both.SendString("1");
            both.SendString("2");
            var onlyReceives = both.Flush(StreamEvents.Receive);
            var sends = both.Flush(StreamEvents.Receive | StreamEvents.Send);
            return (limited, zero, rest, onlyReceives, sends);
        });
        Assert.Equal(2, results.limited);
        Assert.Equal(0, results.zero);
        Assert.InRange(results.rest, 1, 2); // "2", and "3" if it already moved in from the sender
        Assert.Equal(0, results.onlyReceives);
        Assert.Equal(2, results.sends);
    }

    [Fact]
    public async Task Flush_checks_its_arguments_its_thread_and_the_stream_state()
    {
        await using var scope = LoopScope.Start();
        await using var pull = new PullSocket();
        var stream = scope.Stream(pull);
        Assert.Throws<InvalidOperationException>(() => stream.Flush());
        var negative = await scope.OnLoop(() => Record.Exception(() => stream.Flush(limit: -1)));
        Assert.IsType<ArgumentOutOfRangeException>(negative);
        Assert.Equal(0, await scope.OnLoop(() => stream.Flush()));
        await stream.CloseAsync().WaitAsync(LoopScope.Timeout);
        var closed = await scope.OnLoop(() => Record.Exception(() => stream.Flush()));
        Assert.IsType<InvalidOperationException>(closed);
    }
}
