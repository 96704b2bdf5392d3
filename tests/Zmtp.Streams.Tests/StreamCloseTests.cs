using System.Diagnostics;
using System.Globalization;
using Zmtp.Streams.Tests.Support;

namespace Zmtp.Streams.Tests;

public sealed class StreamCloseTests
{
    [Fact]
    public async Task After_close_no_callback_fires_and_the_socket_keeps_its_messages()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        var (pull, push) = await Sockets.QueuedPullAsync(context, 2);
        var stream = scope.Stream(pull);
        var closeCalls = new Collector<bool>();
        stream.SetCloseCallback(() => closeCalls.Add(scope.Loop.IsOnLoopThread));
        var seen = new Collector<string>();
        await scope.OnLoop(() =>
        {
            stream.OnReceive(message =>
            {
                seen.Add(message.GetString());
                stream.Close();
            });
        });
        await seen.WaitForAsync(1);
        await stream.Completion.WaitAsync(LoopScope.Timeout);
        await closeCalls.WaitForAsync(1);
        await scope.OnLoop(() => { });
        Assert.Equal(["0"], seen.Snapshot());
        Assert.True(stream.IsClosed);
        Assert.False(stream.IsReceiving);
        Assert.False(pull.IsDisposed);
        Assert.True(closeCalls.Snapshot()[0]);

        // The stream read nothing after closing: the socket still has the rest.
        Assert.Equal("1", (await pull.ReceiveAsync().AsTask().WaitAsync(LoopScope.Timeout)).GetString());

        // Closing again does nothing; the close callback ran once.
        await stream.CloseAsync().WaitAsync(LoopScope.Timeout);
        await scope.OnLoop(() => { });
        Assert.Equal(1, closeCalls.Count);
    }

    [Fact]
    public async Task A_closed_stream_refuses_registrations_and_sends()
    {
        await using var scope = LoopScope.Start();
        await using var push = new PushSocket();
        var stream = scope.Stream(push);
        await stream.DisposeAsync().AsTask().WaitAsync(LoopScope.Timeout);
        Assert.True(stream.IsClosed);
        Assert.Equal("The stream is closed.", Assert.Throws<InvalidOperationException>(() => stream.OnReceive(_ => { })).Message);
        Assert.Throws<InvalidOperationException>(() => stream.OnReceiveStream((_, _) => { }));
        Assert.Throws<InvalidOperationException>(() => stream.OnSend(_ => { }));
        Assert.Throws<InvalidOperationException>(() => stream.OnSendStream((_, _) => { }));
        Assert.Throws<InvalidOperationException>(() => stream.SetCloseCallback(() => { }));
        Assert.Throws<InvalidOperationException>(() => stream.SendString("late"));
        Assert.False(push.IsDisposed);
    }

    [Fact]
    public async Task Closing_with_the_socket_hands_queued_sends_over_within_linger()
    {
        const int total = 40;
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        await using var pull = new PullSocket(context);
        var push = new PushSocket(context);
        pull.Options.ReceiveHighWatermark = 2;
        push.Options.SendHighWatermark = 2;
        var name = Sockets.InprocName();
        pull.Bind(name);
        push.Connect(name);
        var stream = scope.Stream(push);
        var sendCallbacks = new Collector<string>();
        stream.OnSend(message => sendCallbacks.Add(message.GetString()));
        await scope.OnLoop(() =>
        {
            for (var i = 0; i < total; i++)
            {
                stream.SendString(i.ToString(CultureInfo.InvariantCulture));
            }
        });
        await Eventually.TrueAsync(() => (push.Events & PollEvents.Out) == 0, "the socket to fill");

        // The peer is slow; linger gives the queue time to reach it.
        var closing = stream.CloseAsync(closeSocket: true, linger: TimeSpan.FromSeconds(10));
        var writtenBeforeClose = sendCallbacks.Count;
        Assert.InRange(writtenBeforeClose, 1, 10);
        Assert.True(stream.IsClosed);
        using var timeout = new CancellationTokenSource(LoopScope.Timeout);
        for (var i = 0; i < total; i++)
        {
            if (i % 10 == 0)
            {
                await Task.Delay(10);
            }

            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), await pull.ReceiveStringAsync(timeout.Token));
        }

        await closing.WaitAsync(LoopScope.Timeout);
        Assert.True(push.IsDisposed);

        // Send callbacks stop at close even though the rest was still delivered.
        Assert.Equal(writtenBeforeClose, sendCallbacks.Count);
    }

    [Fact]
    public async Task Linger_bounds_a_close_whose_peer_never_reads()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        await using var pull = new PullSocket(context);
        var push = new PushSocket(context);
        pull.Options.ReceiveHighWatermark = 1;
        push.Options.SendHighWatermark = 1;
        var name = Sockets.InprocName();
        pull.Bind(name);
        push.Connect(name);
        var stream = scope.Stream(push);
        await scope.OnLoop(() =>
        {
            for (var i = 0; i < 20; i++)
            {
                stream.SendString(i.ToString(CultureInfo.InvariantCulture));
            }
        });
        await Eventually.TrueAsync(() => (push.Events & PollEvents.Out) == 0, "the socket to fill");
        var clock = Stopwatch.StartNew();
        await stream.CloseAsync(closeSocket: true, linger: TimeSpan.FromMilliseconds(300)).WaitAsync(LoopScope.Timeout);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(4));
        Assert.True(push.IsDisposed);

        // What the socket took before the close reached the peer's queue; the rest was dropped.
        var delivered = 0;
        while (pull.TryReceive(out var message))
        {
            Assert.Equal(delivered.ToString(CultureInfo.InvariantCulture), message.GetString());
            delivered++;
        }

        Assert.InRange(delivered, 1, 4);
    }

    [Fact]
    public async Task Closing_without_the_socket_hands_over_only_what_it_takes_at_once()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        await using var pull = new PullSocket(context);
        await using var push = new PushSocket(context);
        pull.Options.ReceiveHighWatermark = 1;
        push.Options.SendHighWatermark = 1;
        var name = Sockets.InprocName();
        pull.Bind(name);
        push.Connect(name);
        var stream = scope.Stream(push);
        var written = new Collector<string>();
        stream.OnSend(message => written.Add(message.GetString()));
        await scope.OnLoop(() =>
        {
            for (var i = 0; i < 10; i++)
            {
                stream.SendString(i.ToString(CultureInfo.InvariantCulture));
            }
        });

        // inproc holds SNDHWM + RCVHWM = 2 messages.
        await written.WaitForAsync(2);
        await Eventually.TrueAsync(() => (push.Events & PollEvents.Out) == 0, "the socket to fill");
        var clock = Stopwatch.StartNew();
        await stream.CloseAsync().WaitAsync(LoopScope.Timeout);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
        Assert.False(push.IsDisposed);
        Assert.False(stream.IsSending);

        // The socket stays usable by the application.
        using var timeout = new CancellationTokenSource(LoopScope.Timeout);
        var received = new List<string>();
        while (received.Count < 2)
        {
            received.Add(await pull.ReceiveStringAsync(timeout.Token));
        }

        await push.SendAsync("direct", timeout.Token);
        string last;
        do
        {
            last = await pull.ReceiveStringAsync(timeout.Token);
        }
        while (last != "direct");
        Assert.Equal(["0", "1"], received);
    }

    [Fact]
    public async Task A_socket_closed_behind_the_streams_back_closes_the_stream()
    {
        await using var scope = LoopScope.Start();
        var pull = new PullSocket();
        pull.Bind("tcp://127.0.0.1:*");
        var stream = scope.Stream(pull);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stream.SetCloseCallback(closed.SetResult);
        stream.OnReceive(_ => { });
        await pull.DisposeAsync();
        await closed.Task.WaitAsync(LoopScope.Timeout);
        Assert.True(stream.IsClosed);
    }

    [Fact]
    public async Task An_exception_in_the_close_callback_is_reported()
    {
        await using var scope = LoopScope.Start();
        await using var pull = new PullSocket();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<StreamErrorEventArgs>();
        var stream = scope.Stream(pull, errors);
        stream.SetCloseCallback(() => throw new InvalidDataException("close"));
        await stream.CloseAsync().WaitAsync(LoopScope.Timeout);
        await Eventually.TrueAsync(() => !errors.IsEmpty, "the report");
        Assert.Equal(StreamErrorSource.CloseCallback, Assert.Single(errors).Source);
    }
}
