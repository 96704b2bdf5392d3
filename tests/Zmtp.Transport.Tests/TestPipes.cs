using System.Buffers;
using System.IO.Pipelines;
using Zmtp.Transport;

namespace Zmtp.Transport.Tests;

/// <summary>Helpers shared by the connection tests.</summary>
internal static class TestPipes
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Binds <paramref name="bindEndpoint"/>, connects to what was bound, and returns both ends.</summary>
    public static async Task<(ZmtpListener Listener, ZmtpConnection Client, ZmtpConnection Server)> ConnectPairAsync(
        string bindEndpoint, TransportOptions? options = null)
    {
        options ??= new TransportOptions();
        ZmtpListener listener = ZmtpTransport.Listen(ZmtpEndpoint.Parse(bindEndpoint), options);
        ValueTask<ZmtpConnection?> accept = listener.AcceptAsync();
        ZmtpConnection client = await ZmtpTransport.ConnectAsync(ZmtpEndpoint.Parse(listener.Endpoint), options).AsTask().WaitAsync(Timeout);
        ZmtpConnection? server = await accept.AsTask().WaitAsync(Timeout);
        Assert.NotNull(server);
        return (listener, client, server);
    }

    public static byte[] Pattern(int length, int seed)
    {
        var data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)((i * 31) + seed);
        }

        return data;
    }

    public static async Task WriteAsync(PipeWriter writer, ReadOnlyMemory<byte> data)
    {
        await writer.WriteAsync(data).AsTask().WaitAsync(Timeout);
    }

    /// <summary>Reads until the pipe completes; throws whatever the pipe was completed with.</summary>
    public static async Task<byte[]> ReadToEndAsync(PipeReader reader)
    {
        var received = new ArrayBufferWriter<byte>();
        while (true)
        {
            ReadResult result = await reader.ReadAsync().AsTask().WaitAsync(Timeout);
            foreach (ReadOnlyMemory<byte> segment in result.Buffer)
            {
                received.Write(segment.Span);
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return received.WrittenSpan.ToArray();
            }
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes, consuming as it goes so the pipe's back-pressure never blocks it.</summary>
    public static async Task<byte[]> ReadExactlyAsync(PipeReader reader, int count)
    {
        var data = new byte[count];
        int filled = 0;
        while (filled < count)
        {
            ReadResult result = await reader.ReadAsync().AsTask().WaitAsync(Timeout);
            ReadOnlySequence<byte> buffer = result.Buffer;
            int take = (int)Math.Min(buffer.Length, count - filled);
            buffer.Slice(0, take).CopyTo(data.AsSpan(filled));
            filled += take;
            reader.AdvanceTo(buffer.GetPosition(take));
            Assert.False(filled < count && result.IsCompleted, $"stream ended after {filled} of {count} bytes");
        }

        return data;
    }

    /// <summary>
    /// Disposes all at once: a graceful close waits (boundedly) for the peer to close its side too, so
    /// disposing two ends of one connection one after the other would sit out that bound.
    /// </summary>
    public static async Task DisposeAllAsync(params IAsyncDisposable?[] items)
    {
        await Task.WhenAll(items.Select(item => item is null ? Task.CompletedTask : item.DisposeAsync().AsTask())).WaitAsync(Timeout);
    }
}
