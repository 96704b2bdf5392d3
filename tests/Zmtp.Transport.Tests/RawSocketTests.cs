using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Zmtp.Transport;

namespace Zmtp.Transport.Tests;

/// <summary>A plain socket on the other end: exact bytes, half-close and reset behave as on the wire.</summary>
public sealed class RawSocketTests
{
    [Fact]
    public async Task Bytes_pass_unchanged_in_both_directions()
    {
        var (listener, raw, server) = await AcceptRawAsync();
        await using ZmtpListener owned = listener;
        using var __ = raw;
        byte[] greeting = [0xFF, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x7F, 3, 1];

        await raw.SendAsync(greeting);
        Assert.Equal(greeting, await TestPipes.ReadExactlyAsync(server.Input, greeting.Length));

        await TestPipes.WriteAsync(server.Output, greeting);
        Assert.Equal(greeting, await ReceiveExactlyAsync(raw, greeting.Length));
        raw.Shutdown(SocketShutdown.Send);
        await server.DisposeAsync().AsTask().WaitAsync(TestPipes.Timeout);
        Assert.Equal(0, await raw.ReceiveAsync(new byte[1].AsMemory()).AsTask().WaitAsync(TestPipes.Timeout));
    }

    [Fact]
    public async Task After_the_peer_half_closes_input_completes_and_sending_still_works()
    {
        var (listener, raw, server) = await AcceptRawAsync();
        await using ZmtpListener owned = listener;
        using var __ = raw;

        await raw.SendAsync("last"u8.ToArray());
        raw.Shutdown(SocketShutdown.Send);

        Assert.Equal("last"u8.ToArray(), await TestPipes.ReadToEndAsync(server.Input));
        await TestPipes.WriteAsync(server.Output, "reply"u8.ToArray());
        Assert.Equal("reply"u8.ToArray(), await ReceiveExactlyAsync(raw, 5));

        Task dispose = server.DisposeAsync().AsTask();
        Assert.Equal(0, await raw.ReceiveAsync(new byte[1].AsMemory()).AsTask().WaitAsync(TestPipes.Timeout)); // our FIN
        raw.Close();
        await dispose.WaitAsync(TestPipes.Timeout);
        Assert.Equal(ConnectionEndReason.EndOfStream, ((SocketConnection)server).EndReason);
    }

    [Fact]
    public async Task Completing_Output_half_closes_after_the_data()
    {
        var (listener, raw, server) = await AcceptRawAsync();
        await using ZmtpListener owned = listener;
        using var __ = raw;

        await TestPipes.WriteAsync(server.Output, "done"u8.ToArray());
        await server.Output.CompleteAsync();

        Assert.Equal("done"u8.ToArray(), await ReceiveExactlyAsync(raw, 4));
        Assert.Equal(0, await raw.ReceiveAsync(new byte[1].AsMemory()).AsTask().WaitAsync(TestPipes.Timeout));
        Assert.False(server.ConnectionClosed.IsCancellationRequested, "input is still open until the peer closes");
        raw.Shutdown(SocketShutdown.Send);
        await TestPipes.ReadToEndAsync(server.Input);
        await server.DisposeAsync().AsTask().WaitAsync(TestPipes.Timeout);
    }

    [Fact]
    public async Task A_reset_fails_input_with_a_SocketException()
    {
        var (listener, raw, server) = await AcceptRawAsync();
        await using ZmtpListener owned = listener;

        // SO_LINGER 0 makes close() send RST instead of FIN.
        raw.LingerState = new LingerOption(true, 0);
        raw.Close();

        var error = await Assert.ThrowsAsync<SocketException>(() => TestPipes.ReadToEndAsync(server.Input));
        Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
        await server.DisposeAsync().AsTask().WaitAsync(TestPipes.Timeout);
        Assert.Equal(ConnectionEndReason.Reset, ((SocketConnection)server).EndReason);
        Assert.True(server.ConnectionClosed.IsCancellationRequested);
    }

    [Fact]
    public async Task Sending_to_a_reset_peer_fails_the_writer()
    {
        var (listener, raw, server) = await AcceptRawAsync();
        await using ZmtpListener owned = listener;
        raw.LingerState = new LingerOption(true, 0);
        raw.Close();
        await Assert.ThrowsAsync<SocketException>(() => TestPipes.ReadToEndAsync(server.Input));

        // Once the connection is gone, a write fails (the error) or reports completion; it never hangs.
        try
        {
            server.Output.Write(new byte[1024]);
            var result = await server.Output.FlushAsync().AsTask().WaitAsync(TestPipes.Timeout);
            Assert.True(result.IsCompleted);
        }
        catch (SocketException)
        {
        }

        await server.DisposeAsync().AsTask().WaitAsync(TestPipes.Timeout);
    }

    private static async Task<(ZmtpListener Listener, Socket Raw, ZmtpConnection Server)> AcceptRawAsync()
    {
        ZmtpListener listener = ZmtpTransport.Listen(ZmtpEndpoint.Parse("tcp://127.0.0.1:*"), new TransportOptions());
        var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        ValueTask<ZmtpConnection?> accept = listener.AcceptAsync();
        await raw.ConnectAsync(new IPEndPoint(IPAddress.Loopback, ZmtpEndpoint.Parse(listener.Endpoint).Port)).WaitAsync(TestPipes.Timeout);
        ZmtpConnection? server = await accept.AsTask().WaitAsync(TestPipes.Timeout);
        Assert.NotNull(server);
        return (listener, raw, server);
    }

    private static async Task<byte[]> ReceiveExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        int total = 0;
        while (total < count)
        {
            int read = await socket.ReceiveAsync(buffer.AsMemory(total)).AsTask().WaitAsync(TestPipes.Timeout);
            Assert.NotEqual(0, read);
            total += read;
        }

        return buffer;
    }
}
