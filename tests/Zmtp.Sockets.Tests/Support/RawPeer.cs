using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zmtp.Sockets.Tests.Support;

/// <summary>
/// A hand-driven ZMTP 3.1 peer over a plain TCP socket, for tests that must misbehave on the wire: it
/// completes the NULL handshake and then writes and reads whatever bytes the test says.
/// </summary>
internal sealed class RawPeer : IDisposable
{
    private RawPeer(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    /// <summary>Connects to a tcp endpoint <c>tcp://127.0.0.1:port</c> without a handshake.</summary>
    public static async Task<RawPeer> ConnectAsync(string endpoint)
    {
        var port = int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..]);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port).WaitAsync(Wait.Limit);
        return new RawPeer(socket);
    }

    /// <summary>Connects to an ipc endpoint (<c>ipc:///path</c> or abstract <c>ipc://@name</c>).</summary>
    public static async Task<RawPeer> ConnectIpcAsync(string endpoint)
    {
        var path = endpoint["ipc://".Length..];
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path.StartsWith('@') ? "\0" + path[1..] : path)).WaitAsync(Wait.Limit);
        return new RawPeer(socket);
    }

    /// <summary>Wraps an accepted socket.</summary>
    public static RawPeer From(Socket socket) => new(socket);

    /// <summary>Connects and completes the NULL handshake as <paramref name="socketType"/>.</summary>
    public static async Task<RawPeer> HandshakeAsync(string endpoint, string socketType, params (string Name, byte[] Value)[] properties)
    {
        var peer = await ConnectAsync(endpoint);
        await peer.CompleteHandshakeAsync(socketType, properties);
        return peer;
    }

    /// <summary>A greeting of version 3.1 (RFC 23) for <paramref name="mechanism"/>, as a client.</summary>
    public static byte[] Greeting(string mechanism = "NULL")
    {
        var greeting = new byte[64];
        greeting[0] = 0xFF;
        greeting[9] = 0x7F;
        greeting[10] = 3;
        greeting[11] = 1;
        Encoding.ASCII.GetBytes(mechanism).CopyTo(greeting.AsSpan(12));
        return greeting;
    }

    /// <summary>A READY command frame with Socket-Type and any further properties.</summary>
    public static byte[] Ready(string socketType, params (string Name, byte[] Value)[] properties)
    {
        var body = new List<byte> { 5 };
        body.AddRange("READY"u8.ToArray());
        foreach (var (name, value) in new[] { ("Socket-Type", Encoding.ASCII.GetBytes(socketType)) }.Concat(properties))
        {
            body.Add((byte)name.Length);
            body.AddRange(Encoding.ASCII.GetBytes(name));
            body.AddRange(new[] { (byte)(value.Length >> 24), (byte)(value.Length >> 16), (byte)(value.Length >> 8), (byte)value.Length });
            body.AddRange(value);
        }

        return Command(body.ToArray());
    }

    /// <summary>A command frame around <paramref name="body"/> (short or long size as needed).</summary>
    public static byte[] Command(byte[] body) => Frame(body, command: true, more: false);

    /// <summary>A message frame, short size up to 255 octets, long above.</summary>
    public static byte[] Frame(byte[] body, bool more = false, bool command = false)
    {
        var flags = (byte)((more ? 1 : 0) | (command ? 4 : 0));
        if (body.Length <= 255)
        {
            return [flags, (byte)body.Length, .. body];
        }

        var header = new byte[9];
        header[0] = (byte)(flags | 2);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(1), body.Length);
        return [.. header, .. body];
    }

    /// <summary>A PING with a TTL of zero and <paramref name="context"/>.</summary>
    public static byte[] Ping(ReadOnlySpan<byte> context) => Command([4, .. "PING"u8, 0, 0, .. context]);

    /// <summary>Sends our greeting and READY, then reads the peer's greeting and READY.</summary>
    public async Task CompleteHandshakeAsync(string socketType, params (string Name, byte[] Value)[] properties)
    {
        await SendAsync([.. Greeting(), .. Ready(socketType, properties)]);
        await ReadAsync(64);
        var header = await ReadAsync(2);
        if (header[0] != 0x04)
        {
            throw new InvalidOperationException($"Expected a short command frame, got flags 0x{header[0]:X2}.");
        }

        await ReadAsync(header[1]);
    }

    public async Task SendAsync(byte[] bytes)
    {
        var sent = 0;
        while (sent < bytes.Length)
        {
            sent += await Socket.SendAsync(bytes.AsMemory(sent)).AsTask().WaitAsync(Wait.Limit);
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes; fails if the peer closes first.</summary>
    public async Task<byte[]> ReadAsync(int count)
    {
        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var read = await Socket.ReceiveAsync(buffer.AsMemory(filled)).AsTask().WaitAsync(Wait.Limit);
            if (read == 0)
            {
                throw new EndOfStreamException($"The peer closed the connection after {filled} of {count} bytes.");
            }

            filled += read;
        }

        return buffer;
    }

    /// <summary>Reads one frame: its flags and body.</summary>
    public async Task<(byte Flags, byte[] Body)> ReadFrameAsync()
    {
        var flags = (await ReadAsync(1))[0];
        long size = (flags & 2) != 0
            ? System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(await ReadAsync(8))
            : (await ReadAsync(1))[0];
        return (flags, await ReadAsync((int)size));
    }

    /// <summary>A SUBSCRIBE command (ZMTP 3.1) for <paramref name="topic"/>.</summary>
    public static byte[] Subscribe(ReadOnlySpan<byte> topic) => Command([9, .. "SUBSCRIBE"u8, .. topic]);

    /// <summary>A CANCEL command (ZMTP 3.1) for <paramref name="topic"/>.</summary>
    public static byte[] Cancel(ReadOnlySpan<byte> topic) => Command([6, .. "CANCEL"u8, .. topic]);

    /// <summary>True once the peer has closed the connection (reads until end of stream, bounded).</summary>
    public async Task<bool> ClosedByPeerAsync(TimeSpan within)
    {
        var buffer = new byte[64 * 1024];
        using var limit = new CancellationTokenSource(within);
        try
        {
            while (await Socket.ReceiveAsync(buffer, SocketFlags.None, limit.Token) > 0)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public void Dispose() => Socket.Dispose();
}
