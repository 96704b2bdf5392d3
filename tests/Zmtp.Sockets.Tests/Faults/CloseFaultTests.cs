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
}
