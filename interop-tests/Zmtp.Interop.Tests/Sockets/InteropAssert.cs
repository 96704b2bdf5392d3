using System.Text;

namespace Zmtp.Interop.Tests.Sockets;

/// <summary>Time-bounded send/receive on our sockets and frame helpers shared by the socket interop tests.</summary>
internal static class InteropAssert
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Receives one message or fails with <see cref="TimeoutException"/> (never hangs).</summary>
    public static async Task<Message> ReceiveWithinAsync(this ZmtpSocket socket, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TestTimeout);
        try
        {
            return await socket.ReceiveAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"{socket.SocketType} socket received nothing within {(timeout ?? TestTimeout).TotalSeconds} s.");
        }
    }

    /// <summary>Sends one message or fails with <see cref="TimeoutException"/>.</summary>
    public static async Task SendWithinAsync(this ZmtpSocket socket, Message message)
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        try
        {
            await socket.SendAsync(message, cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"{socket.SocketType} socket could not send within {TestTimeout.TotalSeconds} s.");
        }
    }

    public static Task SendWithinAsync(this ZmtpSocket socket, params string[] frames) =>
        socket.SendWithinAsync(Message.FromStrings(frames));

    /// <summary>Our socket with a short linger so test teardown never waits on undeliverable messages.</summary>
    public static T Quick<T>(this T socket)
        where T : ZmtpSocket
    {
        socket.Options.Linger = TimeSpan.FromMilliseconds(100);
        return socket;
    }

    public static string[] Strings(Message message) => [.. message.Select(f => Encoding.UTF8.GetString(f.Span))];

    public static string[] Strings(byte[][] frames) => [.. frames.Select(f => Encoding.UTF8.GetString(f))];

    public static byte[][] Bytes(params string[] frames) => [.. frames.Select(Encoding.UTF8.GetBytes)];

    /// <summary>Deterministic pseudo-random payload, so a corrupted byte anywhere is detected.</summary>
    public static byte[] Payload(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
