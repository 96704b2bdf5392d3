using System.Buffers;
using System.IO.Pipelines;
using Zmtp.Transport;

namespace Zmtp.Transport.Tests;

/// <summary>Connection behaviour, identical over tcp and ipc.</summary>
public sealed class ConnectionTests
{
    public static TheoryData<string> Transports() => new()
    {
        "tcp://127.0.0.1:*",
        "ipc://*",
    };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Large_payloads_cross_both_ways_at_once_under_back_pressure(string bind)
    {
        // Small, fixed kernel buffers (no autotuning up to tens of MiB) so the pipes' thresholds decide what is held.
        var options = new TransportOptions { SendBufferSize = 64 * 1024, ReceiveBufferSize = 64 * 1024 };
        var (listener, client, server) = await TestPipes.ConnectPairAsync(bind, options);
        await using ZmtpListener owned = listener;
        const int Size = 8 * 1024 * 1024;
        const int Chunk = 64 * 1024;
        byte[] up = TestPipes.Pattern(Size, seed: 1);
        byte[] down = TestPipes.Pattern(Size, seed: 7);

        // Nobody reads yet: after the peer's pipe and both kernel buffers fill, a flush must stay waiting.
        int offset = 0;
        Task? stalledFlush = null;
        while (offset < Size && stalledFlush is null)
        {
            client.Output.Write(up.AsSpan(offset, Chunk));
            offset += Chunk;
            ValueTask<FlushResult> flush = client.Output.FlushAsync();
            if (!flush.IsCompleted)
            {
                // A pause can be brief while the peer's receive loop still fills its pipe; a lasting one is the test.
                Task pending = flush.AsTask();
                if (await Task.WhenAny(pending, Task.Delay(TimeSpan.FromMilliseconds(500))) != pending)
                {
                    stalledFlush = pending;
                    break;
                }

                await pending;
            }
        }

        Assert.True(stalledFlush is not null, "FlushAsync never stalled although the peer was not reading");
        // Two 1 MiB pipe thresholds plus two small kernel buffers: well under 4 MiB may be in flight.
        Assert.True(offset < 4 * 1024 * 1024, $"the writer took {offset} bytes before stalling; thresholds are not working");

        Task<byte[]> serverRead = TestPipes.ReadExactlyAsync(server.Input, Size);
        Task<byte[]> clientRead = TestPipes.ReadExactlyAsync(client.Input, Size);
        Task serverWrite = WriteInChunksAsync(server.Output, down, Task.CompletedTask);
        Task clientWrite = WriteInChunksAsync(client.Output, up.AsMemory(offset), stalledFlush);

        await Task.WhenAll(serverWrite, clientWrite, serverRead, clientRead).WaitAsync(TestPipes.Timeout);
        byte[] upReceived = await serverRead;
        byte[] downReceived = await clientRead;
        Assert.True(up.AsSpan().SequenceEqual(upReceived), "client-to-server bytes differ");
        Assert.True(down.AsSpan().SequenceEqual(downReceived), "server-to-client bytes differ");
        await TestPipes.DisposeAllAsync(client, server);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task When_the_peer_disposes_Input_completes_cleanly(string bind)
    {
        var (listener, client, server) = await TestPipes.ConnectPairAsync(bind);
        await using ZmtpListener owned = listener;

        await TestPipes.WriteAsync(client.Output, "bye"u8.ToArray());
        Task clientDispose = client.DisposeAsync().AsTask();

        Assert.Equal("bye"u8.ToArray(), await TestPipes.ReadToEndAsync(server.Input));
        await server.DisposeAsync();
        await clientDispose.WaitAsync(TestPipes.Timeout);
        Assert.True(client.ConnectionClosed.IsCancellationRequested);
        await WaitClosedAsync(server);
        Assert.Equal(ConnectionEndReason.LocalClose, ((SocketConnection)client).EndReason);
        Assert.Equal(ConnectionEndReason.EndOfStream, ((SocketConnection)server).EndReason);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task DisposeAsync_sends_everything_flushed_before_closing(string bind)
    {
        var options = new TransportOptions { SendBufferSize = 64 * 1024, ReceiveBufferSize = 64 * 1024 };
        var (listener, client, server) = await TestPipes.ConnectPairAsync(bind, options);
        await using ZmtpListener owned = listener;
        byte[] data = TestPipes.Pattern(8 * 1024 * 1024, seed: 3);

        // More than the pipes and kernel buffers hold: the flush is still pending when disposal starts.
        client.Output.Write(data);
        ValueTask<FlushResult> flush = client.Output.FlushAsync();
        Assert.False(flush.IsCompleted, "expected the 8 MiB flush to wait for the unread peer");
        Task dispose = client.DisposeAsync().AsTask();

        byte[] received = await TestPipes.ReadToEndAsync(server.Input);

        Assert.True(data.AsSpan().SequenceEqual(received), $"peer got {received.Length} of {data.Length} bytes");
        await server.DisposeAsync();
        await dispose.WaitAsync(TestPipes.Timeout);
        await flush.AsTask().WaitAsync(TestPipes.Timeout);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task DisposeAsync_is_idempotent_and_safe_from_several_threads(string bind)
    {
        var (listener, client, server) = await TestPipes.ConnectPairAsync(bind);
        await using ZmtpListener owned = listener;
        Task serverSide = Task.Run(async () =>
        {
            await TestPipes.ReadToEndAsync(server.Input);
            await server.DisposeAsync();
        });

        Task[] disposals = Enumerable.Range(0, 8).Select(_ => Task.Run(() => client.DisposeAsync().AsTask())).ToArray();

        await Task.WhenAll(disposals).WaitAsync(TestPipes.Timeout);
        await client.DisposeAsync();
        await serverSide.WaitAsync(TestPipes.Timeout);
        Assert.True(client.ConnectionClosed.IsCancellationRequested);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task DisposeAsync_gives_up_on_a_peer_that_never_reads_or_closes(string bind)
    {
        var (listener, client, server) = await TestPipes.ConnectPairAsync(bind);
        await using ZmtpListener owned = listener;
        client.Output.Write(TestPipes.Pattern(16 * 1024 * 1024, seed: 5));
        _ = client.Output.FlushAsync();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await client.DisposeAsync().AsTask().WaitAsync(TestPipes.Timeout);

        Assert.InRange(watch.Elapsed, SocketConnection.GracefulCloseTimeout - TimeSpan.FromMilliseconds(200), SocketConnection.GracefulCloseTimeout + TimeSpan.FromSeconds(5));
        Assert.True(client.ConnectionClosed.IsCancellationRequested);
        Assert.Equal(ConnectionEndReason.LocalClose, ((SocketConnection)client).EndReason);
        server.Abort();
        await server.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Abort_fails_local_input_with_the_reason_and_ends_the_peer(string bind)
    {
        var (listener, client, server) = await TestPipes.ConnectPairAsync(bind);
        await using ZmtpListener owned = listener;
        Task<ReadResult> pendingRead = client.Input.ReadAsync().AsTask();
        var reason = new InvalidOperationException("handshake failed");

        client.Abort(reason);
        client.Abort(); // only the first reason counts

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => pendingRead.WaitAsync(TestPipes.Timeout));
        Assert.Same(reason, thrown);
        await WaitClosedAsync(client);
        Assert.Equal(ConnectionEndReason.Aborted, ((SocketConnection)client).EndReason);

        // The peer sees its input end (end of stream, or a reset if the close raced with data).
        await PeerInputEndsAsync(server);
        await TestPipes.DisposeAllAsync(client, server);
    }

    [Fact]
    public async Task Abort_without_a_reason_completes_input_with_an_IOException()
    {
        var (listener, client, server) = await TestPipes.ConnectPairAsync("tcp://127.0.0.1:*");
        await using ZmtpListener owned = listener;

        client.Abort();

        await Assert.ThrowsAsync<IOException>(() => TestPipes.ReadToEndAsync(client.Input));
        // Writing after an abort reports the same reason instead of silently queueing.
        await Assert.ThrowsAsync<IOException>(() => WriteAfterCloseAsync(client.Output));
        await TestPipes.DisposeAllAsync(client, server);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Completing_Input_keeps_the_connection_able_to_send(string bind)
    {
        var (listener, client, server) = await TestPipes.ConnectPairAsync(bind);
        await using ZmtpListener owned = listener;

        await server.Input.CompleteAsync();
        await TestPipes.WriteAsync(client.Output, TestPipes.Pattern(256 * 1024, 1)); // discarded by the server
        await TestPipes.WriteAsync(server.Output, "still here"u8.ToArray());

        Assert.Equal("still here"u8.ToArray(), await TestPipes.ReadExactlyAsync(client.Input, 10));
        await TestPipes.DisposeAllAsync(client, server);
    }

    [Fact]
    public async Task ConnectionClosed_callbacks_run_once_the_connection_is_closed()
    {
        var (listener, client, server) = await TestPipes.ConnectPairAsync("tcp://127.0.0.1:*");
        await using ZmtpListener owned = listener;
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using CancellationTokenRegistration registration = server.ConnectionClosed.Register(() => fired.TrySetResult());

        Assert.False(server.ConnectionClosed.IsCancellationRequested);
        Task clientDispose = client.DisposeAsync().AsTask();
        await TestPipes.ReadToEndAsync(server.Input);
        await TestPipes.DisposeAllAsync(server);
        await clientDispose.WaitAsync(TestPipes.Timeout);

        await fired.Task.WaitAsync(TestPipes.Timeout);
    }

    private static async Task WriteInChunksAsync(PipeWriter writer, ReadOnlyMemory<byte> data, Task previousFlush)
    {
        await previousFlush;
        const int Chunk = 64 * 1024;
        for (int offset = 0; offset < data.Length; offset += Chunk)
        {
            int length = Math.Min(Chunk, data.Length - offset);
            FlushResult result = await writer.WriteAsync(data.Slice(offset, length));
            Assert.False(result.IsCompleted, "the connection closed while writing");
        }
    }

    private static async Task WaitClosedAsync(ZmtpConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using CancellationTokenRegistration registration = connection.ConnectionClosed.Register(() => closed.TrySetResult());
        await closed.Task.WaitAsync(TestPipes.Timeout);
    }

    private static async Task PeerInputEndsAsync(ZmtpConnection peer)
    {
        try
        {
            await TestPipes.ReadToEndAsync(peer.Input);
        }
        catch (System.Net.Sockets.SocketException)
        {
        }
    }

    private static async Task<FlushResult> WriteAfterCloseAsync(PipeWriter writer)
    {
        writer.Write("late"u8);
        return await writer.FlushAsync().AsTask().WaitAsync(TestPipes.Timeout);
    }
}
