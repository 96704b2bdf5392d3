using Zmtp.Sockets.Tests.Support;

namespace Zmtp.Sockets.Tests.Faults;

/// <summary>A batch of received messages is handed to the socket exactly once, even when the connection
/// ends while the pump waits for room.</summary>
public sealed class HandOverTests
{
    [Fact]
    public async Task Messages_already_in_a_full_inbox_survive_the_end_of_their_connection_intact()
    {
        // Issue 9 (read in the code): the pump put part of a batch in, waited for room, and when its
        // connection ended offered the whole batch again and disposed what did not fit, including messages
        // the inbox already held. The application then got emptied or recycled messages.
        await using var pull = new PullSocket().NoLinger();
        pull.Options.ReceiveHighWatermark = 4;
        var endpoint = pull.BindLocal();
        using var raw = await RawPeer.HandshakeAsync(endpoint, "PUSH");

        // Twenty messages in one write: one read, one batch, of which four fit.
        var batch = Enumerable.Range(0, 20).SelectMany(i => RawPeer.Frame(System.Text.Encoding.ASCII.GetBytes($"m{i}"))).ToArray();
        await raw.SendAsync(batch);
        await Wait.UntilAsync(() => (pull.Events & PollEvents.In) != 0, "the first messages are waiting");

        // The connection ends while the pump waits for room.
        pull.Unbind(endpoint);
        Assert.True(await raw.ClosedByPeerAsync(Wait.Limit), "unbinding closes the accepted connection");

        // The four the inbox held arrive whole and in order, each once; nothing else does (the rest was the
        // connection's, as libzmq drops what a closed pipe had not yet passed on).
        for (var i = 0; i < 4; i++)
        {
            using var message = await pull.ReceiveAsync().Within();
            Assert.Equal($"m{i}", System.Text.Encoding.ASCII.GetString(Assert.Single(message).Span));
        }

        Assert.Null(await pull.ReceiveOrNullAsync(Wait.Quiet));
    }
}
