using System.Buffers.Binary;
using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>Proxy: the queue, forwarder and streamer devices, capture, steering and shutdown.</summary>
public sealed class ProxyTests
{
    [Fact]
    public async Task Queue_gives_each_of_100_requests_from_5_clients_its_own_reply()
    {
        await using var frontend = new RouterSocket().NoLinger();
        await using var backend = new DealerSocket().NoLinger();
        var clientEndpoint = frontend.BindLocal();
        var workerEndpoint = backend.BindLocal();
        using var stop = new CancellationTokenSource();
        var proxy = Proxy.QueueAsync(frontend, backend, stop.Token);

        var workers = Enumerable.Range(0, 5).Select(_ => new RepSocket().NoLinger()).ToArray();
        var clients = Enumerable.Range(0, 5).Select(_ => new ReqSocket().NoLinger()).ToArray();
        var served = new int[workers.Length];
        try
        {
            var serving = workers.Select((worker, index) =>
            {
                worker.Connect(workerEndpoint);
                return ServeAsync(worker, index, served, stop.Token);
            }).ToArray();

            var asking = clients.Select(async (client, c) =>
            {
                client.Connect(clientEndpoint);
                for (var n = 0; n < 20; n++)
                {
                    await client.SendAsync(Msg($"client{c}", $"request{n}")).Within();
                    var reply = await client.ReceiveAsync().Within();
                    Assert.Equal([$"client{c}", $"request{n}", "done"], reply.Text());
                }
            }).ToArray();

            await Task.WhenAll(asking).WaitAsync(Wait.Limit * 3);
            Assert.Equal(100, served.Sum());
            Assert.False(proxy.IsCompleted);
        }
        finally
        {
            await StopAsync(stop, proxy);
            foreach (var socket in workers.Concat<ZmtpSocket>(clients))
            {
                await socket.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Forwarder_carries_subscriptions_back_and_publications_forward()
    {
        await using var frontend = new XSubSocket().NoLinger();
        await using var backend = new XPubSocket().NoLinger();
        var publisherEndpoint = frontend.BindLocal();
        var subscriberEndpoint = backend.BindLocal();
        using var stop = new CancellationTokenSource();
        var proxy = Proxy.ForwarderAsync(frontend, backend, stop.Token);
        try
        {
            await using var pub = new PubSocket().NoLinger();
            await using var sub = new SubSocket().NoLinger();
            pub.Connect(publisherEndpoint);
            sub.Connect(subscriberEndpoint);
            sub.Subscribe("news");

            // The PUB filters at the source: anything arriving proves the subscription reached it through
            // XPUB -> proxy -> XSUB.
            var first = await Wait.SendUntilReceivedAsync(
                () =>
                {
                    pub.TrySend(Msg("sport", "skip"));
                    pub.TrySend(Msg("news", "hello"));
                },
                sub);
            Assert.Equal(["news", "hello"], first.Text());
        }
        finally
        {
            await StopAsync(stop, proxy);
        }
    }

    [Fact]
    public async Task Streamer_relays_whole_messages_in_order()
    {
        await using var frontend = new PullSocket().NoLinger();
        await using var backend = new PushSocket().NoLinger();
        await using var upstream = new PushSocket().NoLinger();
        await using var downstream = new PullSocket().NoLinger();
        upstream.Connect(frontend.BindLocal());
        downstream.Connect(backend.BindLocal());
        using var stop = new CancellationTokenSource();
        var proxy = Proxy.StreamerAsync(frontend, backend, stop.Token);
        try
        {
            for (var i = 0; i < 50; i++)
            {
                await upstream.SendAsync(Msg($"m{i}", "", "tail")).Within();
            }

            for (var i = 0; i < 50; i++)
            {
                Assert.Equal([$"m{i}", "", "tail"], (await downstream.ReceiveAsync().Within()).Text());
            }
        }
        finally
        {
            await StopAsync(stop, proxy);
        }
    }

    [Fact]
    public async Task Capture_receives_a_copy_of_every_message_in_both_directions()
    {
        await using var frontend = new PairSocket().NoLinger();
        await using var backend = new PairSocket().NoLinger();
        await using var capture = new PushSocket().NoLinger();
        await using var left = new PairSocket().NoLinger();
        await using var right = new PairSocket().NoLinger();
        await using var tap = new PullSocket().NoLinger();
        left.Connect(frontend.BindLocal());
        right.Connect(backend.BindLocal());
        tap.Connect(capture.BindLocal());
        using var stop = new CancellationTokenSource();
        var proxy = Proxy.RunAsync(frontend, backend, capture, stop.Token);
        try
        {
            for (var i = 0; i < 10; i++)
            {
                await left.SendAsync(Msg("to-right", $"{i}")).Within();
                Assert.Equal(["to-right", $"{i}"], (await right.ReceiveAsync().Within()).Text());
                Assert.Equal(["to-right", $"{i}"], (await tap.ReceiveAsync().Within()).Text());

                await right.SendAsync(Msg("to-left", $"{i}", "")).Within();
                Assert.Equal(["to-left", $"{i}", ""], (await left.ReceiveAsync().Within()).Text());
                Assert.Equal(["to-left", $"{i}", ""], (await tap.ReceiveAsync().Within()).Text());
            }

            Assert.Null(await tap.ReceiveOrNullAsync(Wait.Quiet));
        }
        finally
        {
            await StopAsync(stop, proxy);
        }
    }

    [Fact]
    public async Task Captured_and_relayed_frames_stay_intact_while_buffers_are_recycled()
    {
        await using var frontend = new PullSocket().NoLinger();
        await using var backend = new PushSocket().NoLinger();
        await using var capture = new PushSocket().NoLinger();
        await using var upstream = new PushSocket().NoLinger();
        await using var downstream = new PullSocket().NoLinger();
        await using var tap = new PullSocket().NoLinger();
        upstream.Connect(frontend.BindLocal());
        downstream.Connect(backend.BindLocal());
        tap.Connect(capture.BindLocal());
        using var stop = new CancellationTokenSource();
        var proxy = Proxy.RunAsync(frontend, backend, capture, stop.Token);
        try
        {
            // The proxy releases each message after handing it to both sockets; pooled buffers returned too
            // early would be reused by later messages and show up as corrupted payloads.
            const int count = 300;
            var sending = Task.Run(async () =>
            {
                for (var i = 0; i < count; i++)
                {
                    await upstream.SendAsync(new Message(Payload(i, 700), Payload(i + 1, 1500)));
                }
            });

            for (var i = 0; i < count; i++)
            {
                foreach (var receiver in new[] { downstream, tap })
                {
                    var message = await receiver.ReceiveAsync().Within();
                    Assert.Equal(2, message.Count);
                    Assert.True(message[0].Span.SequenceEqual(Payload(i, 700)), $"message {i} frame 0");
                    Assert.True(message[1].Span.SequenceEqual(Payload(i + 1, 1500)), $"message {i} frame 1");
                    message.Dispose();
                }
            }

            await sending.Within();
        }
        finally
        {
            await StopAsync(stop, proxy);
        }
    }

    [Fact]
    public async Task One_router_as_frontend_and_backend_relays_between_its_own_peers()
    {
        await using var router = new RouterSocket().NoLinger();
        var endpoint = router.BindLocal();
        await using var dealer = new DealerSocket().NoLinger();
        dealer.Options.RoutingId = "A"u8.ToArray();
        dealer.Connect(endpoint);
        using var stop = new CancellationTokenSource();
        var proxy = Proxy.RunAsync(router, router, cancellationToken: stop.Token);
        try
        {
            // ROUTER prepends the sender's id on receive and routes by it on send: an echo.
            await dealer.SendAsync(Msg("echo", "me")).Within();
            Assert.Equal(["echo", "me"], (await dealer.ReceiveAsync().Within()).Text());
        }
        finally
        {
            await StopAsync(stop, proxy);
        }
    }

    [Fact]
    public async Task Steerable_pause_resume_statistics_and_terminate()
    {
        await using var frontend = new PullSocket().NoLinger();
        await using var backend = new PushSocket().NoLinger();
        await using var control = new RepSocket().NoLinger();
        await using var upstream = new PushSocket().NoLinger();
        await using var downstream = new PullSocket().NoLinger();
        await using var steer = new ReqSocket().NoLinger();
        upstream.Connect(frontend.BindLocal());
        downstream.Connect(backend.BindLocal());
        steer.Connect(control.BindLocal());
        using var stop = new CancellationTokenSource();
        var proxy = Proxy.RunSteerableAsync(frontend, backend, null, control, stop.Token);
        try
        {
            await upstream.SendAsync(Msg("ab", "cde")).Within();
            Assert.Equal(["ab", "cde"], (await downstream.ReceiveAsync().Within()).Text());

            Assert.Equal([""], await CommandAsync(steer, "PAUSE"));
            await upstream.SendAsync(Msg("held")).Within();
            Assert.Null(await downstream.ReceiveOrNullAsync(Wait.Quiet));

            // A multipart message counts once, with the bytes of all its frames; "held" is still queued.
            var paused = Counters(await RequestAsync(steer, "STATISTICS"));
            Assert.Equal(new long[] { 1, 5, 0, 0, 0, 0, 1, 5 }, paused);

            Assert.Equal([""], await CommandAsync(steer, "RESUME"));
            Assert.Equal(["held"], (await downstream.ReceiveAsync().Within()).Text());
            var resumed = Counters(await RequestAsync(steer, "STATISTICS"));
            Assert.Equal(new long[] { 2, 9, 0, 0, 0, 0, 2, 9 }, resumed);

            // Unknown commands are ignored, with an empty reply so the REP can go on.
            Assert.Equal([""], await CommandAsync(steer, "REWIND"));
            Assert.False(proxy.IsCompleted);

            Assert.Equal([""], await CommandAsync(steer, "TERMINATE"));
            await proxy.Within();
        }
        finally
        {
            await StopAsync(stop, proxy);
        }
    }

    [Fact]
    public async Task Statistics_count_both_directions()
    {
        await using var frontend = new RouterSocket().NoLinger();
        await using var backend = new DealerSocket().NoLinger();
        await using var control = new PairSocket().NoLinger();
        await using var client = new ReqSocket().NoLinger();
        await using var worker = new RepSocket().NoLinger();
        await using var steer = new PairSocket().NoLinger();
        client.Connect(frontend.BindLocal());
        worker.Connect(backend.BindLocal());
        steer.Connect(control.BindLocal());
        using var stop = new CancellationTokenSource();
        var proxy = Proxy.RunSteerableAsync(frontend, backend, null, control, stop.Token);
        try
        {
            await client.SendAsync(Msg("ping")).Within();
            Assert.Equal(["ping"], (await worker.ReceiveAsync().Within()).Text());
            await worker.SendAsync(Msg("pong!")).Within();
            Assert.Equal(["pong!"], (await client.ReceiveAsync().Within()).Text());

            // Request at the ROUTER: [id(5), "", "ping"]; reply at the DEALER: [id(5), "", "pong!"].
            var stats = Counters(await RequestAsync(steer, "STATISTICS"));
            Assert.Equal(new long[] { 1, 9, 1, 10, 1, 10, 1, 9 }, stats);

            // PAIR control: PAUSE gets no reply, so the next reply is the statistics again.
            await steer.SendAsync(Msg("PAUSE")).Within();
            Assert.Equal(8, (await RequestAsync(steer, "STATISTICS")).Count);
        }
        finally
        {
            await StopAsync(stop, proxy);
        }
    }

    [Fact]
    public async Task Cancellation_ends_the_proxy_as_cancelled()
    {
        await using var frontend = new PullSocket().NoLinger();
        await using var backend = new PushSocket().NoLinger();
        frontend.BindLocal();
        backend.BindLocal();
        using var stop = new CancellationTokenSource();
        var proxy = Proxy.RunAsync(frontend, backend, null, stop.Token);
        Assert.False(proxy.IsCompleted);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => proxy.Within());
        Assert.True(proxy.IsCanceled);
    }

    [Fact]
    public async Task Disposing_a_socket_ends_the_proxy_normally()
    {
        await using var frontend = new PullSocket().NoLinger();
        var backend = new PushSocket().NoLinger();
        frontend.BindLocal();
        backend.BindLocal();
        var proxy = Proxy.RunAsync(frontend, backend);
        Assert.False(proxy.IsCompleted);

        await backend.DisposeAsync().Within();
        await proxy.Within();
        Assert.True(proxy.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Unusable_socket_combinations_are_rejected()
    {
        await using var push = new PushSocket().NoLinger();
        await using var pull = new PullSocket().NoLinger();
        await using var pub = new PubSocket().NoLinger();
        await using var otherPull = new PullSocket().NoLinger();

        Assert.Throws<ArgumentException>(() => { _ = Proxy.RunAsync(push, pub); });
        Assert.Throws<ArgumentException>(() => { _ = Proxy.RunAsync(pull, push, capture: otherPull); });
        Assert.Throws<ArgumentException>(() => { _ = Proxy.RunAsync(pull, push, capture: push); });
        Assert.Throws<ArgumentException>(() => { _ = Proxy.RunSteerableAsync(pull, push, null, pub); });
        Assert.Throws<ArgumentNullException>(() => { _ = Proxy.RunSteerableAsync(pull, push, null, null!); });
    }

    private static async Task ServeAsync(RepSocket worker, int index, int[] served, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var request = await worker.ReceiveAsync(cancellationToken);
                Interlocked.Increment(ref served[index]);
                await worker.SendAsync(new Message(request[0], request[1], "done"u8.ToArray()), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static byte[] Payload(int seed, int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)((seed * 31) + i);
        }

        return bytes;
    }

    private static async Task<string[]> CommandAsync(ZmtpSocket steer, string command) =>
        (await RequestAsync(steer, command)).Text();

    private static async Task<Message> RequestAsync(ZmtpSocket steer, string command)
    {
        await steer.SendAsync(Msg(command)).Within();
        return await steer.ReceiveAsync().Within();
    }

    private static long[] Counters(Message reply)
    {
        Assert.Equal(8, reply.Count);
        Assert.All(reply, frame => Assert.Equal(8, frame.Length));
        return [.. reply.Select(frame => (long)BinaryPrimitives.ReadUInt64LittleEndian(frame.Span))];
    }

    /// <summary>Cancels a proxy and waits for it to end, as cancelled or normally.</summary>
    private static async Task StopAsync(CancellationTokenSource stop, Task proxy)
    {
        await stop.CancelAsync();
        try
        {
            await proxy.Within();
        }
        catch (OperationCanceledException)
        {
        }
    }
}
