using System.Collections.Concurrent;
using System.Globalization;
using Zmtp.Streams.Tests.Support;

namespace Zmtp.Streams.Tests;

public sealed class StreamReceiveTests
{
    [Fact]
    public async Task A_REP_stream_echoes_with_one_callback()
    {
        await using var scope = LoopScope.Start();
        await using var rep = new RepSocket();
        var endpoint = rep.Bind("tcp://127.0.0.1:*");
        var stream = scope.Stream(rep);
        stream.OnReceive(stream.Send);
        await using var req = new ReqSocket();
        req.Connect(endpoint);
        using var timeout = new CancellationTokenSource(LoopScope.Timeout);
        for (var i = 0; i < 20; i++)
        {
            await req.SendAsync($"request {i}", timeout.Token);
            Assert.Equal($"request {i}", await req.ReceiveStringAsync(timeout.Token));
        }

        Assert.Empty(scope.Errors);
    }

    [Fact]
    public async Task Callbacks_always_get_whole_multipart_messages_on_the_loop()
    {
        await using var scope = LoopScope.Start();
        await using var pull = new PullSocket();
        var endpoint = pull.Bind("tcp://127.0.0.1:*");
        var stream = scope.Stream(pull);
        var seen = new Collector<(string[] Frames, bool OnLoop)>();
        stream.OnReceive(message => seen.Add((message.Select(frame => System.Text.Encoding.UTF8.GetString(frame.Span)).ToArray(), EventLoop.Current == scope.Loop)));
        await using var push = new PushSocket();
        push.Connect(endpoint);
        await push.SendAsync(Message.FromStrings("a", "b", "c"));
        await push.SendAsync("single");
        await seen.WaitForAsync(2);
        var items = seen.Snapshot();
        Assert.Equal(["a", "b", "c"], items[0].Frames);
        Assert.Equal(["single"], items[1].Frames);
        Assert.All(items, item => Assert.True(item.OnLoop));
    }

    [Fact]
    public async Task One_OnReceiveStream_callback_serves_several_streams()
    {
        await using var scope = LoopScope.Start();
        await using var pull1 = new PullSocket();
        await using var pull2 = new PullSocket();
        var stream1 = scope.Stream(pull1);
        var stream2 = scope.Stream(pull2);
        var seen = new Collector<(ZmtpStream Stream, string Text)>();
        void Callback(ZmtpStream stream, Message message) => seen.Add((stream, message.GetString()));
        stream1.OnReceiveStream(Callback);
        stream2.OnReceiveStream(Callback);
        await using var push1 = new PushSocket();
        await using var push2 = new PushSocket();
        push1.Connect(pull1.Bind("tcp://127.0.0.1:*"));
        push2.Connect(pull2.Bind("tcp://127.0.0.1:*"));
        await push1.SendAsync("one");
        await push2.SendAsync("two");
        await seen.WaitForAsync(2);
        var byText = seen.Snapshot().ToDictionary(item => item.Text, item => item.Stream);
        Assert.Same(stream1, byText["one"]);
        Assert.Same(stream2, byText["two"]);
    }

    [Fact]
    public async Task Registering_a_receive_callback_replaces_the_previous_one_of_either_kind()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        var (pull, push) = await Sockets.QueuedPullAsync(context, 2);
        var stream = scope.Stream(pull);
        var first = new Collector<string>();
        var second = new Collector<string>();
        await scope.OnLoop(() =>
        {
            stream.OnReceive(message => first.Add(message.GetString()));
            stream.OnReceiveStream((_, message) => second.Add(message.GetString()));
        });
        await second.WaitForAsync(3);
        Assert.Equal(0, first.Count);
        Assert.Equal(["0", "1", "2"], second.Snapshot());
    }

    [Fact]
    public async Task With_no_callback_nothing_is_read_and_back_pressure_reaches_the_sender()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        var (pull, push) = await Sockets.QueuedPullAsync(context, 5);
        var stream = scope.Stream(pull);
        Assert.False(stream.IsReceiving);

        // Give the stream loop turns to (wrongly) read: the sender stays blocked, the socket keeps everything.
        await scope.OnLoop(() => { });
        await scope.OnLoop(() => { });
        Assert.Equal(PollEvents.None, push.Events & PollEvents.Out);
        Assert.False(push.TrySend(new Message("blocked"u8.ToArray())));
        Assert.True(pull.TryReceive(out var first));
        Assert.Equal("0", first.GetString());

        var seen = new Collector<string>();
        stream.OnReceive(message => seen.Add(message.GetString()));
        Assert.True(stream.IsReceiving);
        await seen.WaitForAsync(5);
        Assert.Equal(["1", "2", "3", "4", "5"], seen.Snapshot());
        await push.SendAsync("6");
        await seen.WaitForAsync(6);
        Assert.Equal("6", seen.Snapshot()[5]);
    }

    [Fact]
    public async Task Ten_thousand_messages_arrive_in_order_none_lost()
    {
        const int total = 10_000;
        await using var scope = LoopScope.Start();
        await using var pull = new PullSocket();
        var endpoint = pull.Bind("tcp://127.0.0.1:*");
        var stream = scope.Stream(pull);
        var seen = new Collector<int>();
        var onLoop = true;
        stream.OnReceive(message =>
        {
            onLoop &= scope.Loop.IsOnLoopThread;
            seen.Add(int.Parse(message.GetString(0), CultureInfo.InvariantCulture));
            Assert.Equal(2, message.Count);
        });
        await using var push = new PushSocket();
        push.Connect(endpoint);
        var payload = new byte[64];
        for (var i = 0; i < total; i++)
        {
            await push.SendAsync(new Message(System.Text.Encoding.UTF8.GetBytes(i.ToString(CultureInfo.InvariantCulture)), payload));
        }

        await seen.WaitForAsync(total, TimeSpan.FromSeconds(60));
        Assert.Equal(Enumerable.Range(0, total), seen.Snapshot());
        Assert.True(onLoop);
        Assert.Empty(scope.Errors);
    }

    [Fact]
    public async Task Two_busy_streams_share_the_loop_one_callback_at_a_time()
    {
        const int each = 2000;
        await using var scope = LoopScope.Start();
        var running = 0;
        var overlaps = 0;
        var seen = new Collector<string>();
        var streams = new List<ZmtpStream>();
        var pushes = new List<PushSocket>();
        await using var context = new ZmtpContext();
        for (var s = 0; s < 2; s++)
        {
            var pull = new PullSocket(context);
            var stream = scope.Stream(pull);
            stream.OnReceive(message =>
            {
                if (Interlocked.Increment(ref running) != 1)
                {
                    Interlocked.Increment(ref overlaps);
                }

                seen.Add(message.GetString());
                Interlocked.Decrement(ref running);
            });
            var push = new PushSocket(context);
            push.Connect(pull.Bind("tcp://127.0.0.1:*"));
            pushes.Add(push);
        }

        await Task.WhenAll(pushes.Select((push, s) => Task.Run(async () =>
        {
            for (var i = 0; i < each; i++)
            {
                await push.SendAsync($"{s}:{i}");
            }
        })));
        await seen.WaitForAsync(2 * each, TimeSpan.FromSeconds(30));
        Assert.Equal(0, overlaps);
        foreach (var s in new[] { "0", "1" })
        {
            var mine = seen.Snapshot().Where(text => text.StartsWith(s + ":", StringComparison.Ordinal)).Select(text => int.Parse(text[2..], CultureInfo.InvariantCulture));
            Assert.Equal(Enumerable.Range(0, each), mine);
        }
    }

    [Fact]
    public async Task Pausing_and_resuming_under_load_loses_and_reorders_nothing()
    {
        const int total = 3000;
        await using var scope = LoopScope.Start();
        await using var pull = new PullSocket();
        var endpoint = pull.Bind("tcp://127.0.0.1:*");
        var stream = scope.Stream(pull);
        var seen = new Collector<int>();
        var pauses = 0;
        var receivingWhilePaused = false;
        void Handle(Message message)
        {
            var number = int.Parse(message.GetString(), CultureInfo.InvariantCulture);
            seen.Add(number);
            if (number % 300 == 299)
            {
                stream.OnReceive(null);
                pauses++;
                receivingWhilePaused |= stream.IsReceiving;
                scope.Loop.CallLater(TimeSpan.FromMilliseconds(15), () => stream.OnReceive(Handle));
            }
        }

        stream.OnReceive(Handle);
        await using var push = new PushSocket();
        push.Connect(endpoint);
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < total; i++)
            {
                await push.SendAsync(i.ToString(CultureInfo.InvariantCulture));
            }
        });
        await seen.WaitForAsync(total, TimeSpan.FromSeconds(60));
        await sending;
        Assert.Equal(Enumerable.Range(0, total), seen.Snapshot());
        Assert.Equal(10, pauses);
        Assert.False(receivingWhilePaused);
    }

    [Fact]
    public async Task A_paused_stream_delivers_nothing_until_resumed()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        var (pull, push) = await Sockets.QueuedPullAsync(context, 3);
        var stream = scope.Stream(pull);
        var seen = new Collector<string>();
        await scope.OnLoop(() =>
        {
            stream.OnReceive(message =>
            {
                seen.Add(message.GetString());
                stream.OnReceive(null);
            });
        });
        await seen.WaitForAsync(1);
        await scope.OnLoop(() => { });
        await scope.OnLoop(() => { });
        Assert.Equal(1, seen.Count);
        Assert.False(stream.IsReceiving);
        stream.OnReceive(message => seen.Add(message.GetString()));
        await seen.WaitForAsync(4);
        Assert.Equal(["0", "1", "2", "3"], seen.Snapshot());
    }

    [Fact]
    public async Task Copied_messages_belong_to_the_callback_and_stay_intact()
    {
        await using var scope = LoopScope.Start();
        await using var pull = new PullSocket();
        var endpoint = pull.Bind("tcp://127.0.0.1:*");
        var stream = scope.Stream(pull);
        var kept = new Collector<Message>();
        stream.OnReceive(kept.Add);
        await using var push = new PushSocket();
        push.Connect(endpoint);
        for (var i = 0; i < 500; i++)
        {
            await push.SendAsync(Message.FromStrings($"message {i}", new string((char)('a' + (i % 26)), 100)));
        }

        await kept.WaitForAsync(500);

        // Pooled receive buffers were reused 500 times over; copies are unaffected and never disposed.
        var messages = kept.Snapshot();
        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(2, messages[i].Count);
            Assert.Equal($"message {i}", messages[i].GetString(0));
            Assert.Equal(new string((char)('a' + (i % 26)), 100), messages[i].GetString(1));
        }
    }

    [Fact]
    public async Task Uncopied_messages_are_disposed_after_the_callback_unless_kept()
    {
        await using var scope = LoopScope.Start();
        await using var pull = new PullSocket();
        var endpoint = pull.Bind("tcp://127.0.0.1:*");
        var stream = scope.Stream(pull);
        var seen = new Collector<(Message Message, string Text, bool Kept)>();
        stream.OnReceive(message =>
        {
            var text = message.GetString();
            var keep = text.EndsWith("keep", StringComparison.Ordinal);
            if (keep)
            {
                message.Keep();
            }

            seen.Add((message, text, keep));
        }, copy: false);
        await using var push = new PushSocket();
        push.Connect(endpoint);
        for (var i = 0; i < 100; i++)
        {
            await push.SendAsync(i % 2 == 0 ? $"{i} keep" : $"{i} drop");
        }

        await seen.WaitForAsync(100);
        await scope.OnLoop(() => { });
        foreach (var (message, text, keptByCallback) in seen.Snapshot())
        {
            if (keptByCallback)
            {
                Assert.True(message.IsKept);
                Assert.Equal(text, message.GetString());
                message.Dispose();
            }
            else
            {
                Assert.Empty(message);
            }
        }
    }

    [Fact]
    public async Task An_uncopied_message_can_be_forwarded_with_Send()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        await using var pull = new PullSocket(context);
        await using var forward = new PushSocket(context);
        await using var sink = new PullSocket(context);
        var sinkName = Sockets.InprocName();
        sink.Bind(sinkName);
        forward.Connect(sinkName);
        var name = Sockets.InprocName();
        pull.Bind(name);
        var inbound = scope.Stream(pull);
        var outbound = scope.Stream(forward);
        inbound.OnReceive(outbound.Send, copy: false);
        await using var push = new PushSocket(context);
        push.Connect(name);
        using var timeout = new CancellationTokenSource(LoopScope.Timeout);
        for (var i = 0; i < 200; i++)
        {
            await push.SendAsync(Message.FromStrings($"{i}", "payload"), timeout.Token);
        }

        for (var i = 0; i < 200; i++)
        {
            using var message = await sink.ReceiveAsync(timeout.Token);
            Assert.Equal($"{i}", message.GetString(0));
            Assert.Equal("payload", message.GetString(1));
        }
    }

    [Fact]
    public async Task Awaiting_inside_a_callback_resumes_on_the_loop()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        var (pull, push) = await Sockets.QueuedPullAsync(context, 1);
        await using var otherPull = new PullSocket(context);
        await using var otherPush = new PushSocket(context);
        var name = Sockets.InprocName();
        otherPull.Bind(name);
        otherPush.Connect(name);
        var stream = scope.Stream(pull);
        var result = new TaskCompletionSource<(string, bool)>(TaskCreationOptions.RunContinuationsAsynchronously);
        stream.OnReceive(async message =>
        {
            stream.OnReceive(null);
            using var other = await otherPull.ReceiveAsync();
            result.TrySetResult((other.GetString(), EventLoop.Current == scope.Loop));
        });
        await otherPush.SendAsync("from the awaitable API");
        var (text, onLoop) = await result.Task.WaitAsync(LoopScope.Timeout);
        Assert.Equal("from the awaitable API", text);
        Assert.True(onLoop);
    }
}
