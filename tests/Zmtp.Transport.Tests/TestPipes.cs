using System.Buffers;
using System.IO.Pipelines;
using Zmtp.Transport;

namespace Zmtp.Transport.Tests;

/// <summary>Helpers shared by the connection tests.</summary>
internal static class TestPipes
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static TransportOptions Options() => new();

    /// <summary>Binds <paramref name="bindEndpoint"/>, connects to what was bound, and returns both ends.</summary>
    public static async Task<(ZmtpListener Listener, ZmtpConnection Client, ZmtpConnection Server)> ConnectPairAsync(
        string bindEndpoint, string? connectHost = null)
    {
        ZmtpListener listener = ZmtpTransport.Listen(ZmtpEndpoint.Parse(bindEndpoint), Options());
        string target = listener.Endpoint;
        if (connectHost is not null)
        {
            target = $"tcp://{connectHost}:{ZmtpEndpoint.Parse(target).Port}";
        }

        ValueTask<ZmtpConnection?> accept = listener.AcceptAsync();
        ZmtpConnection client = await ZmtpTransport.ConnectAsync(ZmtpEndpoint.Parse(target), Options()).AsTask().WaitAsync(Timeout);
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

    public static async Task<byte[]> ReadExactlyAsync(PipeReader reader, int count)
    {
        while (true)
        {
            ReadResult result = await reader.ReadAsync().AsTask().WaitAsync(Timeout);
            if (result.Buffer.Length >= count)
            {
                byte[] data = result.Buffer.Slice(0, count).ToArray();
                reader.AdvanceTo(result.Buffer.GetPosition(count));
                return data;
            }

            Assert.False(result.IsCompleted, $"stream ended after {result.Buffer.Length} of {count} bytes");
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    public static async Task DisposeAllAsync(params IAsyncDisposable[] items)
    {
        foreach (IAsyncDisposable item in items)
        {
            await item.DisposeAsync().AsTask().WaitAsync(Timeout);
        }
    }
}
