using System.Diagnostics;
using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests.Faults;

/// <summary>Closing against dead and stalled peers: receives fail at once, linger bounds the rest.</summary>
public sealed class CloseFaultTests
{
    /// <summary>How soon "at once" must be on a loaded 2-core machine.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(4000)]
    [InlineData(-1)]
    public async Task Dispose_fails_pending_receives_at_once_while_a_queued_send_lingers(int lingerMs)
    {
        // Issue 9, item 3: the pending receives outlived the dispose by the whole linger (forever with -1).
        var endpoint = UnusedEndpoint();
        var dealer = new DealerSocket();
        dealer.Options.Linger = TimeSpan.FromMilliseconds(lingerMs);
        dealer.Connect(endpoint);
        await dealer.SendAsync("queued").Within();
        var pending = dealer.ReceiveAsync().AsTask();
        var blocking = Task.Factory.StartNew(() => dealer.Receive(), TaskCreationOptions.LongRunning);

        var watch = Stopwatch.StartNew();
        var closing = dealer.DisposeAsync().AsTask();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.WaitAsync(Wait.Limit));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => blocking.WaitAsync(Wait.Limit));
        Assert.True(watch.Elapsed < Prompt, $"the receives failed {watch.ElapsedMilliseconds} ms after the dispose");
        Assert.False(closing.IsCompleted, "the queued message should still be lingering");

        // The queued message still goes out once a peer appears, which ends the linger.
        await using var router = new RouterSocket().NoLinger();
        router.Bind(endpoint);
        using var received = await router.ReceiveAsync().Within();
        Assert.Equal("queued", received.GetString(1));
        await closing.Within();
    }

    [Fact]
    public async Task A_flush_broken_by_a_reset_does_not_leave_close_waiting_for_a_writer_that_is_gone()
    {
        // Issue 9 (read in the code): a flush that failed left the peer marked "writing", so a close with an
        // empty queue waited out its whole linger.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var push = new PushSocket();
        push.Options.Linger = TimeSpan.FromSeconds(4);
        push.Options.SendBufferSize = 64 * 1024;
        push.Connect($"tcp://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}");
        var accepted = await listener.AcceptSocketAsync().WaitAsync(Wait.Limit);
        accepted.ReceiveBufferSize = 4096;
        var raw = RawPeer.From(accepted);
        await raw.CompleteHandshakeAsync("PULL");

        // One message larger than the connection's output pipe: the pump takes it (the queue is empty) and
        // waits in its flush, since the peer never reads.
        await push.SendAsync(new byte[2 * 1024 * 1024]).Within();
        await Wait.UntilAsync(() => accepted.Available > 0, "the message has started to arrive");

        // A reset breaks the flush.
        var monitor = push.StartMonitor(SocketEventType.Disconnected);
        accepted.LingerState = new System.Net.Sockets.LingerOption(true, 0);
        raw.Dispose();
        await monitor.ReadAsync().AsTask().WaitAsync(Wait.Limit);

        var watch = Stopwatch.StartNew();
        await push.DisposeAsync().Within();
        Assert.True(watch.Elapsed < Prompt, $"close took {watch.ElapsedMilliseconds} ms with nothing left to send");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300)]
    public async Task A_peer_that_never_reads_cannot_hold_a_close_beyond_its_linger(int lingerMs)
    {
        // Issue 9, item 4: with Linger 0 the close waited about 3 s for a graceful close the stalled peer
        // never allowed; pyzmq's close(linger=0) and ctx.term() take 1 ms.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var push = new PushSocket();
        push.Options.SendHighWatermark = 4;
        push.Connect($"tcp://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}");
        using var raw = RawPeer.From(await listener.AcceptSocketAsync().WaitAsync(Wait.Limit));
        await raw.CompleteHandshakeAsync("PULL");

        // Fill everything: the queue, the connection's pipe and the kernel buffers.
        var megabyte = new byte[1024 * 1024];
        var watchFill = Stopwatch.StartNew();
        while (watchFill.Elapsed < Wait.Limit && push.TrySend(new Message(megabyte)))
        {
            await Task.Yield();
        }

        await Wait.UntilAsync(() => !push.TrySend(new Message(megabyte)), "the queue is full");

        push.Options.Linger = TimeSpan.FromMilliseconds(lingerMs);
        var watch = Stopwatch.StartNew();
        await push.DisposeAsync().Within();
        Assert.True(
            watch.Elapsed < TimeSpan.FromMilliseconds(lingerMs) + Prompt,
            $"close took {watch.ElapsedMilliseconds} ms with a linger of {lingerMs} ms");
        Assert.True(await raw.ClosedByPeerAsync(Wait.Limit), "the connection is closed");
    }

    [Fact]
    public async Task A_linger_beyond_what_a_timed_wait_takes_counts_as_infinite_and_closing_still_works()
    {
        // Found by fuzzing option setting: a linger above int.MaxValue ms made Dispose throw
        // (ArgumentOutOfRangeException, or OverflowException near TimeSpan.MaxValue).
        foreach (var linger in new[] { TimeSpan.FromDays(100), TimeSpan.MaxValue })
        {
            var push = new PushSocket();
            push.Options.Linger = linger;
            push.Connect(UnusedEndpoint());
            await Task.Run(push.Dispose).Within();
            Assert.True(push.IsDisposed);
        }

        using var socket = new PushSocket();
        Assert.Throws<ArgumentException>(() => socket.SetOption("LINGER", "7000000000"));
        Assert.Throws<ArgumentException>(() => socket.SetOption("SNDTIMEO", "2147483648"));
        socket.SetOption("LINGER", "2147483647");
        Assert.Equal(TimeSpan.FromMilliseconds(int.MaxValue), socket.Options.Linger);
    }

    [Fact]
    public async Task A_bind_racing_dispose_never_leaves_its_port_bound()
    {
        // Issue 9 (read in the code): a Bind that finished after the close had taken its list of acceptors
        // kept listening for good.
        var random = new Random(9);
        for (var i = 0; i < 400; i++)
        {
            // The close starts at a different moment of the bind each round, sweeping the window.
            var delay = random.Next(0, 20_000);
            var pull = new PullSocket().NoLinger();
            using var go = new ManualResetEventSlim();
            var binding = Task.Run(() =>
            {
                go.Wait();
                try
                {
                    return pull.Bind("tcp://127.0.0.1:*");
                }
                catch (ObjectDisposedException)
                {
                    return null;
                }
            });
            var closing = Task.Run(async () =>
            {
                go.Wait();
                Thread.SpinWait(delay);
                await pull.DisposeAsync();
            });
            go.Set();
            var endpoint = await binding.Within();
            await closing.Within();
            if (endpoint is null)
            {
                continue;
            }

            // The port is free again: a plain listener can take it.
            var port = int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..]);
            await Wait.UntilAsync(() => CanListen(port), $"port {port} of a closed socket is free (round {i})");
        }

        static bool CanListen(int port)
        {
            try
            {
                using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                return false;
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Closing_a_context_closes_its_sockets_together(bool async)
    {
        // Issue 9 (read in the code): sockets were closed one after another, N sockets with dead peers
        // taking N times the linger.
        var context = new ZmtpContext();
        for (var i = 0; i < 5; i++)
        {
            var push = new PushSocket(context);
            push.Options.Linger = TimeSpan.FromMilliseconds(500);
            push.Connect(UnusedEndpoint());
            await push.SendAsync("undeliverable").Within();
        }

        var watch = Stopwatch.StartNew();
        if (async)
        {
            await context.DisposeAsync().AsTask().Within();
        }
        else
        {
            await Task.Run(context.Dispose).Within();
        }

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(500) + Prompt);
    }

    [Fact]
    public async Task An_inproc_pipe_ended_while_waiting_for_room_does_not_hold_the_senders_close()
    {
        // As the tcp send pump: the inproc mover stayed marked "writing" when its pipe ended mid-wait, so
        // the sender's close waited out its whole linger with nothing queued.
        await using var context = new ZmtpContext();
        var pull = new PullSocket(context).NoLinger();
        pull.Options.ReceiveHighWatermark = 2;
        var endpoint = $"inproc://room-{Guid.NewGuid():N}";
        pull.Bind(endpoint);
        var push = new PushSocket(context);
        push.Options.Linger = TimeSpan.FromSeconds(4);
        push.Connect(endpoint);
        await push.SendAsync("one").Within();
        await push.SendAsync("two").Within();
        await Wait.UntilAsync(() => (pull.Events & PollEvents.In) != 0, "the inbox holds the messages");

        // The mover now waits for room in the full inbox, with the sender's queue empty; unbinding ends
        // the pipe under it.
        pull.Unbind(endpoint);
        var watch = Stopwatch.StartNew();
        await push.DisposeAsync().AsTask().Within();
        Assert.True(watch.Elapsed < Prompt, $"close took {watch.ElapsedMilliseconds} ms with nothing left to send");
    }
}
