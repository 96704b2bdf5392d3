using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Zmtp.Fuzz;

/// <summary>
/// <c>socket</c>: libzmq's test_bind_null_fuzzer against a real socket. The input is written raw over tcp
/// loopback (greeting included) to a bound <see cref="PullSocket"/>, which lives for the whole run as a
/// server facing many bad peers; the raw peer then half-closes and the PULL must close the connection.
/// Afterwards a new, good <see cref="PushSocket"/> must still get a message through. A process crash (an
/// exception on a pump thread), a connection left open, or a PULL that stops serving is a bug.
/// </summary>
internal static class SocketTarget
{
    private static readonly Lazy<(PullSocket Pull, IPEndPoint Address, string Endpoint)> Server = new(Start);

    public static void Run(byte[] input)
    {
        var (pull, address, endpoint) = Server.Value;
        SendRaw(address, input);
        CheckGoodPeer(pull, endpoint);
    }

    private static (PullSocket, IPEndPoint, string) Start()
    {
        var pull = new PullSocket();

        // Unlimited: a flood of valid messages from a bad peer must not stall its connection (and so this
        // target) while nobody receives.
        pull.Options.ReceiveHighWatermark = 0;
        pull.Options.Linger = TimeSpan.Zero;
        var endpoint = pull.Bind("tcp://127.0.0.1:*");
        var port = Transport.ZmtpEndpoint.Parse(endpoint).Port;
        return (pull, new IPEndPoint(IPAddress.Loopback, port), endpoint);
    }

    private static void SendRaw(IPEndPoint address, byte[] input)
    {
        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            SendTimeout = (int)Bounded.Limit.TotalMilliseconds,
            ReceiveTimeout = (int)Bounded.Limit.TotalMilliseconds,
        };
        raw.Connect(address);
        try
        {
            raw.Send(input);
            raw.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted)
        {
            // The PULL dropped us for a protocol error before it had all the input: allowed.
            return;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
        {
            throw new FuzzHangException("The PULL stopped reading from a raw peer (send timed out).", ex);
        }

        // The PULL has our whole stream and its end: it must close the connection (after an ERROR, its
        // greeting or nothing), not keep it half open.
        var buffer = new byte[4096];
        try
        {
            while (raw.Receive(buffer) > 0)
            {
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
        {
            throw new FuzzHangException($"The PULL kept a connection open {Bounded.Limit} after the peer's end of stream.", ex);
        }
    }

    private static void CheckGoodPeer(PullSocket pull, string endpoint)
    {
        var marker = Guid.NewGuid().ToByteArray();
        using var push = new PushSocket();
        push.Options.Linger = TimeSpan.Zero;
        push.Connect(endpoint);
        var started = Stopwatch.GetTimestamp();
        try
        {
            push.Send(new Message(marker), Bounded.Limit);
        }
        catch (TimeoutException ex)
        {
            throw new FuzzHangException("A good PUSH could not connect to the PULL after this input.", ex);
        }

        // Messages a bad peer managed to deliver (now or in an earlier run) come first: skip them.
        while (true)
        {
            var left = Bounded.Limit - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero || !pull.TryReceive(left, out var message))
            {
                throw new FuzzHangException("The PULL did not deliver a good PUSH's message after this input.");
            }

            using (message)
            {
                if (message.Count == 1 && message[0].Span.SequenceEqual(marker))
                {
                    return;
                }
            }
        }
    }
}
