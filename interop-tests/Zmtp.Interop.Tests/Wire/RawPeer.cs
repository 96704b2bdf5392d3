using System.Net;
using System.Net.Sockets;

namespace Zmtp.Interop.Tests.Wire;

/// <summary>A plain TCP connection that reads and writes ZMTP bytes by hand; every read is time-bounded.</summary>
internal sealed class RawPeer : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    internal RawPeer(Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>Connects to a tcp://host:port endpoint (as returned by ZMQ_LAST_ENDPOINT).</summary>
    public static async Task<RawPeer> ConnectAsync(string endpoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var cts = new CancellationTokenSource(DefaultTimeout);
            await socket.ConnectAsync(ParseEndpoint(endpoint), cts.Token);
            return new RawPeer(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static IPEndPoint ParseEndpoint(string endpoint)
    {
        Assert.StartsWith("tcp://", endpoint, StringComparison.Ordinal);
        return IPEndPoint.Parse(endpoint["tcp://".Length..]);
    }

    public Task SendAsync(params byte[][] chunks) => SendAsync(chunks.SelectMany(c => c).ToArray());

    public async Task SendAsync(byte[] bytes)
    {
        using var cts = new CancellationTokenSource(DefaultTimeout);
        await _stream.WriteAsync(bytes, cts.Token);
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes or fails with a TimeoutException.</summary>
    public async Task<byte[]> ReadExactlyAsync(int count, TimeSpan? timeout = null)
    {
        var buffer = new byte[count];
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await _stream.ReadExactlyAsync(buffer, cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"peer did not send {count} bytes in time.");
        }

        return buffer;
    }

    /// <summary>Reads one ZMTP frame (flags, size, body) and returns all of its bytes.</summary>
    public async Task<byte[]> ReadFrameAsync()
    {
        var head = await ReadExactlyAsync(2);
        long size;
        byte[] header;
        if ((head[0] & 0x02) != 0)
        {
            // Long frame: the size is 8 octets, big-endian; we already hold its first octet.
            var rest = await ReadExactlyAsync(7);
            header = [.. head, .. rest];
            size = System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(header.AsSpan(1));
        }
        else
        {
            header = head;
            size = head[1];
        }

        var body = await ReadExactlyAsync(checked((int)size));
        return [.. header, .. body];
    }

    /// <summary>True if nothing at all arrives within <paramref name="quiet"/>.</summary>
    public async Task<bool> IsQuietForAsync(TimeSpan quiet)
    {
        var buffer = new byte[1];
        using var cts = new CancellationTokenSource(quiet);
        try
        {
            _ = await _stream.ReadAsync(buffer, cts.Token);
            return false; // a byte arrived or the peer closed: either way it was not quiet
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>Waits for the peer to close; returns the bytes it sent before closing.</summary>
    public async Task<byte[]> ReadToEndAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        using var collected = new MemoryStream();
        try
        {
            await _stream.CopyToAsync(collected, cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("peer did not close the connection in time.");
        }
        catch (IOException)
        {
            // A reset is also a close.
        }

        return collected.ToArray();
    }

    public void Dispose() => _stream.Dispose();
}
