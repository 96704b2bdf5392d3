using Zmtp.Protocol;

namespace Zmtp.Fuzz;

/// <summary>
/// After a bad input: a fresh PULL session with a well-formed PUSH peer must handshake and deliver the
/// peer's traffic exactly (short and long frames, a PING in between). This catches damage to shared
/// state, such as the frame buffer pool handing out a buffer still in use.
/// </summary>
internal static class GoodPeer
{
    private static readonly byte[] Long = [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 7))];

    private static readonly byte[] Traffic = Wire.Build(o =>
    {
        ZmtpFrameWriter.WriteFrame(o, ZmtpFrameFlags.More, "good"u8);
        ZmtpFrameWriter.WriteFrame(o, ZmtpFrameFlags.None, Long);
        ZmtpCommandWriter.WritePing(o, 10, "ctx"u8);
        ZmtpFrameWriter.WriteFrame(o, ZmtpFrameFlags.More, []);
        ZmtpFrameWriter.WriteFrame(o, ZmtpFrameFlags.None, "x"u8);
    });

    private static readonly string Expected =
        $"M[{Describe.Bytes("good"u8)},{Describe.Bytes(Long)}] Ping:10:{Describe.Bytes("ctx"u8)} M[,{Describe.Bytes("x"u8)}] Closed";

    public static void Check()
    {
        var connection = new InMemoryConnection();
        var session = new ZmtpSession(connection.Session, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Pull, HandshakeTimeout = TimeSpan.Zero });
        connection.PeerWrite(Wire.Handshake(ZmtpSocketType.Push));
        ZmtpPeerInfo peer;
        try
        {
            peer = Bounded.Wait(session.HandshakeAsync(), "The handshake with a good peer");
        }
        catch (ZmtpProtocolException ex)
        {
            throw new FuzzBugException("A good peer's handshake failed after this input.", ex);
        }

        var transcript = new SessionTranscript(session, connection);
        transcript.Feed(Traffic);
        transcript.Close();
        var actual = transcript.ToString();
        if (peer.SocketType != ZmtpSocketType.Push || actual != Expected)
        {
            throw new FuzzBugException($"A good peer was not served after this input: got\n  {actual}\nexpected\n  {Expected}");
        }
    }
}
