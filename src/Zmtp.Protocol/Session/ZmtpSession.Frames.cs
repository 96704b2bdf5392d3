namespace Zmtp.Protocol;

/// <content>Frame-level writing, for callers that add envelope frames without building a new message.</content>
public sealed partial class ZmtpSession
{
    /// <summary>Writes one message frame (short size up to 255 octets, long above). Does not flush.</summary>
    /// <param name="body">The frame body.</param>
    /// <param name="more">True when more frames of the same message follow.</param>
    public void WriteFrame(ReadOnlySpan<byte> body, bool more)
    {
        EnsureReady();
        ZmtpFrameWriter.WriteFrame(_batcher, more ? ZmtpFrameFlags.More : ZmtpFrameFlags.None, body);
    }
}
