using Zmtp.Protocol;

namespace Zmtp.Fuzz;

/// <summary>
/// <c>session</c>: a well-formed libzmq PUSH peer (greeting, READY) handshakes with a PULL
/// <see cref="ZmtpSession"/>, then the input arrives as the rest of its stream and the peer closes (as
/// libzmq's test_bind_null_fuzzer and test_connect_null_fuzzer feed data after the NULL handshake).
/// Only <see cref="ZmtpProtocolException"/> may escape; the session ends with Closed or that error, never
/// waits with the whole stream buffered; the input delivered at once and in small chunks gives the same
/// items; and a fresh session then still serves a good peer (<see cref="GoodPeer"/>).
/// </summary>
internal static class SessionTarget
{
    public static void Run(byte[] input)
    {
        var whole = Transcript([input], maxMessageSize: -1);
        var chunked = Transcript(Segments.Chunks(input, 23), maxMessageSize: -1);
        if (whole != chunked)
        {
            throw new FuzzBugException($"The stream delivered at once gave\n  {whole}\nin chunks it gave\n  {chunked}");
        }

        // The same bytes against a frame limit (MAXMSGSIZE): only the exception policy is checked.
        Transcript(Segments.Chunks(input, 300), maxMessageSize: ZmtpFrameHeader.MaxShortSize);
        GoodPeer.Check();
    }

    private static string Transcript(IReadOnlyList<ReadOnlyMemory<byte>> chunks, long maxMessageSize)
    {
        var connection = new InMemoryConnection();
        var session = new ZmtpSession(connection.Session, new ZmtpSessionOptions
        {
            SocketType = ZmtpSocketType.Pull,
            HandshakeTimeout = TimeSpan.Zero,
            MaxMessageSize = maxMessageSize,
        });
        connection.PeerWrite(Wire.Handshake(ZmtpSocketType.Push));
        var peer = Bounded.Wait(session.HandshakeAsync(), "The handshake with a good peer");
        if (peer.SocketType != ZmtpSocketType.Push)
        {
            throw new FuzzBugException($"The good handshake gave peer type {peer.SocketType}.");
        }

        var transcript = new SessionTranscript(session, connection);
        foreach (var chunk in chunks)
        {
            transcript.Feed(chunk.Span);
        }

        transcript.Close();
        return transcript.ToString();
    }
}
