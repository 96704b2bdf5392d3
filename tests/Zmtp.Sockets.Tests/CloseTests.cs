using System.Diagnostics;
using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>Closing: linger bounds, delivery of what was queued, and pending receives failing.</summary>
public sealed class CloseTests
{
    [Fact]
    public async Task Dispose_with_an_unreachable_peer_returns_after_linger()
    {
        var push = new PushSocket();
        push.Options.Linger = TimeSpan.FromMilliseconds(500);
        push.Connect(UnusedEndpoint());
        await push.SendAsync("undeliverable").Within();

        var watch = Stopwatch.StartNew();
        await push.DisposeAsync().Within();
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public async Task Dispose_with_zero_linger_returns_at_once()
    {
        var push = new PushSocket().NoLinger();
        push.Connect(UnusedEndpoint());
        await push.SendAsync("dropped").Within();

        var watch = Stopwatch.StartNew();
        await push.DisposeAsync().Within();
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Blocking_dispose_with_an_unreachable_peer_returns_after_linger()
    {
        var push = new PushSocket();
        push.Options.Linger = TimeSpan.FromMilliseconds(300);
        push.Connect(UnusedEndpoint());
        await push.SendAsync("undeliverable").Within();

        var watch = Stopwatch.StartNew();
        await Task.Run(push.Dispose).Within();
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(1300));
    }

    /// <summary>The PULL is connected (a message went through) before the burst and the close.</summary>
    [Fact]
    public async Task Messages_sent_just_before_dispose_are_delivered_on_an_established_connection()
    {
        await using var pull = new PullSocket().NoLinger();
        var push = new PushSocket();
        push.Options.Linger = TimeSpan.FromSeconds(5);
        push.Connect(pull.BindLocal());
        await push.SendAsync("hello").Within();
        Assert.Equal("hello", await pull.ReceiveStringAsync().Within());

        for (var i = 0; i < 500; i++)
        {
            await push.SendAsync(Msg($"m{i}", new string('x', 1000))).Within();
        }

        await push.DisposeAsync().Within();

        var received = new List<string>();
        while (await pull.ReceiveOrNullAsync(TimeSpan.FromSeconds(2)) is { } message)
        {
            received.Add(message.GetString(0));
        }

        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"m{i}"), received);
    }

    /// <summary>libzmq's "connect, send, close": the connection completes during linger and the queued
    /// messages go out.</summary>
    [Fact]
    public async Task Messages_sent_just_before_dispose_are_delivered()
    {
        await using var pull = new PullSocket().NoLinger();
        var endpoint = pull.BindLocal();
        var push = new PushSocket();
        push.Options.Linger = TimeSpan.FromSeconds(5);
        push.Connect(endpoint);

        // Queued at once, before the connection can be up: it completes while the close lingers.
        for (var i = 0; i < 500; i++)
        {
            Assert.True(push.TrySend(Msg($"m{i}", "x")));
        }

        await push.DisposeAsync().Within();

        var received = new List<string>();
        while (await pull.ReceiveOrNullAsync(TimeSpan.FromSeconds(2)) is { } message)
        {
            received.Add(message.GetString(0));
        }

        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"m{i}"), received);
    }

    [Fact]
    public async Task Dispose_fails_a_pending_receive()
    {
        var pull = new PullSocket().NoLinger();
        pull.BindLocal();
        var pending = pull.ReceiveAsync();
        Assert.False(pending.IsCompleted);

        await pull.DisposeAsync().Within();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pending.Within());
    }

    [Fact]
    public async Task Dispose_fails_a_pending_receive_on_a_rep()
    {
        var rep = new RepSocket();
        rep.Connect(UnusedEndpoint());
        var pending = rep.ReceiveAsync();
        var blocking = Task.Run(() => rep.Receive());

        await rep.DisposeAsync().Within();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pending.Within());
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await blocking.Within());
    }

    [Fact]
    public async Task Dispose_fails_a_blocked_send()
    {
        var push = new PushSocket().NoLinger();
        var pending = push.SendAsync("no peer");
        Assert.False(pending.IsCompleted);

        await push.DisposeAsync().Within();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pending.Within());
    }
}
