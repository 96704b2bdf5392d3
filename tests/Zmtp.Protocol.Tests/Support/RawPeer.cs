using System.Buffers;
using System.IO.Pipelines;

namespace Zmtp.Protocol.Tests.Support;

/// <summary>Literal-byte peer operations on a duplex pipe (stands in for libzmq on the wire).</summary>
internal static class RawPeer
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task SendAsync(this IDuplexPipe pipe, params byte[][] parts)
    {
        foreach (var part in parts)
        {
            await pipe.Output.WriteAsync(part).AsTask().WaitAsync(Timeout);
        }
    }

    public static async Task<byte[]> ReadExactlyAsync(this IDuplexPipe pipe, int count)
    {
        while (true)
        {
            var result = await pipe.Input.ReadAsync().AsTask().WaitAsync(Timeout);
            if (result.Buffer.Length >= count)
            {
                var bytes = result.Buffer.Slice(0, count).ToArray();
                pipe.Input.AdvanceTo(result.Buffer.GetPosition(count));
                return bytes;
            }

            if (result.IsCompleted)
            {
                throw new EndOfStreamException($"Wanted {count} octets, the other side closed after {result.Buffer.Length}.");
            }

            pipe.Input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    /// <summary>Everything buffered right now, without waiting.</summary>
    public static byte[] ReadBuffered(this IDuplexPipe pipe)
    {
        if (!pipe.Input.TryRead(out var result))
        {
            return [];
        }

        var bytes = result.Buffer.ToArray();
        pipe.Input.AdvanceTo(result.Buffer.End);
        return bytes;
    }

    /// <summary>Handshakes <paramref name="session"/> against literal libzmq bytes and drains what it sent.</summary>
    public static async Task<ZmtpPeerInfo> HandshakeWithLibzmqAsync(this IDuplexPipe raw, ZmtpSession session, ZmtpSocketType peerType, byte[]? greeting = null)
    {
        await raw.SendAsync(greeting ?? Golden.LibzmqGreeting, Golden.ReadyFor(peerType));
        var peer = await session.HandshakeAsync().AsTask().WaitAsync(Timeout);
        await raw.ReadExactlyAsync(64);
        var readyHeader = await raw.ReadExactlyAsync(2);
        await raw.ReadExactlyAsync(readyHeader[1]);
        return peer;
    }
}
