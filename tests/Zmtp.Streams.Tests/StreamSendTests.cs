using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Zmtp.Streams.Tests.Support;

namespace Zmtp.Streams.Tests;

public sealed class StreamSendTests
{
    [Fact]
    public async Task Sends_are_queued_returned_at_once_written_in_order_and_reported()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        await using var pull = new PullSocket(context);
        await using var push = new PushSocket(context);
        var name = Sockets.InprocName();
        pull.Bind(name);
        push.Connect(name);
        var stream = scope.Stream(push);
        var written = new Collector<(string Text, bool OnLoop)>();
        stream.OnSend(message => written.Add((message.GetString(), scope.Loop.IsOnLoopThread)));

        // On the loop, nothing can be written before this callback returns: all three stay queued.
        var sendingBefore = await scope.OnLoop(() =>
        {
            stream.SendString("one");
            stream.SendString("two");
            stream.SendString("three");
            return stream.IsSending;
        });
        Assert.True(sendingBefore);
        await written.WaitForAsync(3);
        Assert.Equal(["one", "two", "three"], written.Snapshot().Select(item => item.Text));
        Assert.All(written.Snapshot(), item => Assert.True(item.OnLoop));
        Assert.False(stream.IsSending);
        using var timeout = new CancellationTokenSource(LoopScope.Timeout);
        foreach (var expected in new[] { "one", "two", "three" })
        {
            Assert.Equal(expected, await pull.ReceiveStringAsync(timeout.Token));
        }
    }

    [Fact]
    public async Task OnSendStream_gets_the_stream_and_the_message()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        await using var pull = new PullSocket(context);
        await using var push = new PushSocket(context);
        var name = Sockets.InprocName();
        pull.Bind(name);
        push.Connect(name);
        var stream = scope.Stream(push);
        var written = new Collector<(ZmtpStream Stream, string Text)>();
        stream.OnSendStream((s, message) => written.Add((s, message.GetString())));
        stream.SendString("hello");
        await written.WaitForAsync(1);
        Assert.Same(stream, written.Snapshot()[0].Stream);
        Assert.Equal("hello", written.Snapshot()[0].Text);
    }

    [Fact]
    public async Task At_the_high_water_mark_sends_wait_for_a_slow_peer_and_keep_their_order()
    {
        const int total = 60;
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        await using var pull = new PullSocket(context);
        await using var push = new PushSocket(context);
        pull.Options.ReceiveHighWatermark = 2;
        push.Options.SendHighWatermark = 2;
        var name = Sockets.InprocName();
        pull.Bind(name);
        push.Connect(name);
        var stream = scope.Stream(push);
        var written = new Collector<string>();
        stream.OnSend(message => written.Add(message.GetString()));

        var queuedIn = await scope.OnLoop(() =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < total; i++)
            {
                stream.SendString(i.ToString(CultureInfo.InvariantCulture));
            }

            return clock.Elapsed;
        });
        Assert.True(queuedIn < TimeSpan.FromSeconds(1));

        // The peer reads nothing: the socket fills up to its high-water marks and the rest waits in the stream.
        await Eventually.TrueAsync(() => written.Count > 0 && (push.Events & PollEvents.Out) == 0, "the socket to fill");
        await scope.OnLoop(() => { });
        Assert.True(stream.IsSending);
        var writtenWhileFull = written.Count;
        Assert.InRange(writtenWhileFull, 1, 10);

        // A slow reader: everything arrives, in order.
        using var timeout = new CancellationTokenSource(LoopScope.Timeout);
        for (var i = 0; i < total; i++)
        {
            if (i % 10 == 0)
            {
                await Task.Delay(10);
            }

            Assert.Equal(i.ToString(CultureInfo.InvariantCulture), await pull.ReceiveStringAsync(timeout.Token));
        }

        await written.WaitForAsync(total);
        Assert.Equal(Enumerable.Range(0, total).Select(i => i.ToString(CultureInfo.InvariantCulture)), written.Snapshot());
        await Eventually.TrueAsync(() => !stream.IsSending, "the queue to empty");
    }

    [Fact]
    public async Task A_REQ_stream_waits_for_each_reply_before_the_next_request()
    {
        await using var scope = LoopScope.Start();
        var errors = new ConcurrentQueue<StreamErrorEventArgs>();
        await using var rep = new RepSocket();
        var endpoint = rep.Bind("tcp://127.0.0.1:*");
        await using var req = new ReqSocket();
        req.Connect(endpoint);
        var stream = scope.Stream(req, errors);
        var replies = new Collector<string>();
        stream.OnReceive(message => replies.Add(message.GetString()));
        stream.SendString("first");
        stream.SendString("second");
        stream.SendString("third");

        using var timeout = new CancellationTokenSource(LoopScope.Timeout);
        for (var i = 0; i < 3; i++)
        {
            var request = await rep.ReceiveStringAsync(timeout.Token);

            // REQ allows one outstanding request: the later ones are still in the stream's queue.
            Assert.Equal(i < 2, stream.IsSending);
            await rep.SendAsync($"reply to {request}", timeout.Token);
        }

        await replies.WaitForAsync(3);
        Assert.Equal(["reply to first", "reply to second", "reply to third"], replies.Snapshot());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task String_bytes_multipart_and_json_helpers_send_what_they_say()
    {
        await using var scope = LoopScope.Start();
        await using var context = new ZmtpContext();
        await using var pull = new PullSocket(context);
        await using var push = new PushSocket(context);
        var name = Sockets.InprocName();
        pull.Bind(name);
        push.Connect(name);
        var stream = scope.Stream(push);
        stream.SendString("text ✓");
        stream.Send(new byte[] { 1, 2, 3 }.AsMemory());
        stream.SendMultipart(new List<ReadOnlyMemory<byte>> { "a"u8.ToArray(), ReadOnlyMemory<byte>.Empty, "c"u8.ToArray() });
        stream.SendMultipart(new[] { "x"u8.ToArray(), "y"u8.ToArray() });
        stream.SendJson(new Reading("t1", 21.5), JsonContext.Default.Reading);

        using var timeout = new CancellationTokenSource(LoopScope.Timeout);
        Assert.Equal("text ✓", await pull.ReceiveStringAsync(timeout.Token));
        using (var bytes = await pull.ReceiveAsync(timeout.Token))
        {
            Assert.Equal(new byte[] { 1, 2, 3 }, bytes.First.ToArray());
        }

        using (var parts = await pull.ReceiveAsync(timeout.Token))
        {
            Assert.Equal(3, parts.Count);
            Assert.Equal("a", parts.GetString(0));
            Assert.True(parts[1].IsEmpty);
            Assert.Equal("c", parts.GetString(2));
        }

        using (var parts = await pull.ReceiveAsync(timeout.Token))
        {
            Assert.Equal(["x", "y"], parts.Select(frame => System.Text.Encoding.UTF8.GetString(frame.Span)));
        }

        var json = await pull.ReceiveStringAsync(timeout.Token);
        Assert.Equal("{\"Sensor\":\"t1\",\"Value\":21.5}", json);
        Assert.Equal(new Reading("t1", 21.5), JsonSerializer.Deserialize(json, JsonContext.Default.Reading));
    }

    [Fact]
    public async Task Sending_on_a_receive_only_socket_or_an_empty_message_throws()
    {
        await using var scope = LoopScope.Start();
        await using var pull = new PullSocket();
        await using var push = new PushSocket();
        var pullStream = scope.Stream(pull);
        Assert.Throws<NotSupportedException>(() => pullStream.SendString("no"));
        Assert.Throws<ArgumentException>(() => scope.Stream(push).Send(new Message()));
    }

    [Fact]
    public async Task A_send_the_socket_refuses_is_reported_and_the_next_one_goes_out()
    {
        await using var scope = LoopScope.Start();
        var errors = new ConcurrentQueue<StreamErrorEventArgs>();
        await using var router = new RouterSocket();
        router.Options.RouterMandatory = true;
        var endpoint = router.Bind("tcp://127.0.0.1:*");
        await using var dealer = new DealerSocket();
        dealer.Options.RoutingId = "peer"u8.ToArray();
        dealer.Connect(endpoint);
        var stream = scope.Stream(router, errors);
        var hello = new Collector<string>();
        stream.OnReceive(message => hello.Add(message.GetString(0)));
        await dealer.SendAsync("hello");
        await hello.WaitForAsync(1);
        Assert.Equal("peer", hello.Snapshot()[0]);

        var written = new Collector<string>();
        stream.OnSend(message => written.Add(message.GetString(1)));
        stream.Send(Message.FromStrings("nobody", "lost"));
        stream.Send(Message.FromStrings("peer", "delivered"));
        using var timeout = new CancellationTokenSource(LoopScope.Timeout);
        Assert.Equal("delivered", await dealer.ReceiveStringAsync(timeout.Token));
        await written.WaitForAsync(1);
        Assert.Equal(["delivered"], written.Snapshot());
        var error = Assert.Single(errors);
        Assert.Equal(StreamErrorSource.Send, error.Source);
        Assert.Equal(ZmtpError.HostUnreachable, Assert.IsType<ZmtpException>(error.Exception).Error);
        Assert.NotNull(error.Message);
    }
}
