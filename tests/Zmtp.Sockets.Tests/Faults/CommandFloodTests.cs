using System.Diagnostics;
using Zmtp.Sockets.Tests.Support;

namespace Zmtp.Sockets.Tests.Faults;

/// <summary>A peer that floods commands and never reads cannot make us queue without bound.</summary>
[Collection(SerialCollection.Name)]
public sealed class CommandFloodTests
{
    [Fact]
    public async Task A_ping_flood_from_a_peer_that_never_reads_keeps_memory_flat_and_the_connection_served()
    {
        // Issue 9, item 1: a PONG was queued for every PING, outside SNDHWM, while the receive pump kept
        // reading: 130 MB/s of growth. libzmq 4.3 keeps one pending PONG per connection.
        await using var pull = new PullSocket().NoLinger();
        var endpoint = pull.BindLocal();
        using var raw = await RawPeer.HandshakeAsync(endpoint, "PUSH");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        // Pings for two seconds, as fast as the socket takes them; the peer never reads a PONG.
        var burst = Enumerable.Repeat(RawPeer.Ping("0123456789abcdef"u8), 4096).SelectMany(b => b).ToArray();
        var flood = Stopwatch.StartNew();
        long pings = 0;
        while (flood.Elapsed < TimeSpan.FromSeconds(2))
        {
            await raw.SendAsync(burst);
            pings += 4096;
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(
            after - before < 32 * 1024 * 1024,
            $"{pings} PINGs grew the managed heap by {(after - before) / (1024 * 1024)} MB");

        // The connection still works: a message after the flood is delivered.
        await raw.SendAsync(RawPeer.Frame("after the flood"u8.ToArray()));
        Assert.Equal("after the flood", await pull.ReceiveStringAsync().Within());
    }
}
