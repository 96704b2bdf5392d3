using Zmtp.Protocol;

namespace Zmtp.Fuzz;

/// <summary>
/// <c>handshake</c>: the input is the peer's whole stream from its first octet (greeting, handshake
/// commands, traffic) into a PULL <see cref="ZmtpSession"/>, then the peer closes. The handshake may fail
/// only with <see cref="ZmtpProtocolException"/> or <see cref="EndOfStreamException"/> (as documented);
/// after it the rules of <see cref="SessionTarget"/> apply; delivered at once and in chunks the stream
/// gives the same result; and a fresh session then still serves a good peer.
/// </summary>
internal static class HandshakeTarget
{
    public static void Run(byte[] input)
    {
        var whole = Transcript([input]);
        var chunked = Transcript(Segments.Chunks(input, 11));
        if (whole != chunked)
        {
            throw new FuzzBugException($"The stream delivered at once gave\n  {whole}\nin chunks it gave\n  {chunked}");
        }

        GoodPeer.Check();
    }

    private static string Transcript(IReadOnlyList<ReadOnlyMemory<byte>> chunks)
    {
        var connection = new InMemoryConnection();
        var session = new ZmtpSession(connection.Session, new ZmtpSessionOptions
        {
            SocketType = ZmtpSocketType.Pull,
            HandshakeTimeout = TimeSpan.Zero,
        });

        // Sends our greeting, then waits for the peer's: each write below runs it on this thread.
        var handshake = session.HandshakeAsync().AsTask();
        var next = 0;
        while (next < chunks.Count && !handshake.IsCompleted)
        {
            connection.PeerWrite(chunks[next++].Span);
        }

        var closed = !handshake.IsCompleted;
        if (closed)
        {
            connection.PeerClose();
        }

        ZmtpPeerInfo peer;
        try
        {
            Bounded.Wait(handshake, "HandshakeAsync with the whole peer stream buffered");
            peer = handshake.Result;
        }
        catch (ZmtpProtocolException ex)
        {
            return "handshake " + Describe.Error(ex);
        }
        catch (EndOfStreamException)
        {
            return "handshake eof";
        }

        var transcript = new SessionTranscript(session, connection);
        transcript.Add($"peer:{peer.SocketType}:{Describe.Bytes(peer.Identity.Span)}:{peer.MajorVersion}.{peer.MinorVersion}:{MetadataTarget.Text(peer.Properties)}");

        if (closed)
        {
            // The peer's side is complete already (every chunk was written): read out what is left.
            transcript.ReadToEnd();
            return transcript.ToString();
        }

        // What arrived with the handshake's last chunk is already buffered.
        transcript.Feed([]);
        while (next < chunks.Count)
        {
            transcript.Feed(chunks[next++].Span);
        }

        transcript.Close();

        return transcript.ToString();
    }
}
