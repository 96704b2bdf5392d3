using System.Buffers;

namespace Zmtp.Protocol;

/// <summary>
/// One complete frame produced by <see cref="ZmtpFrameReader"/>. Its body is either a slice of the reader's
/// input (a frame that arrived whole; valid until the input is advanced) or a buffer rented from
/// the frame buffer pool that it accumulated into (ownership passes to the message it is added
/// to; <see cref="Release"/> gives it back otherwise).
/// </summary>
internal readonly struct ZmtpFrame
{
    public ZmtpFrame(ZmtpFrameHeader header, byte[]? rented, int length, ReadOnlySequence<byte> body)
    {
        Header = header;
        Rented = rented;
        Length = length;
        Body = body;
    }

    public ZmtpFrameHeader Header { get; }

    /// <summary>Pooled buffer holding the body (null when the body is a slice of the input).</summary>
    public byte[]? Rented { get; }

    /// <summary>Body length.</summary>
    public int Length { get; }

    /// <summary>The body (for a command: name-length, name, data).</summary>
    public ReadOnlySequence<byte> Body { get; }

    /// <summary>Appends this message frame to <paramref name="message"/>: hands over the accumulated buffer,
    /// or copies a body that is still in the input.</summary>
    public void AddTo(Message message)
    {
        if (Rented is null)
        {
            message.AddCopy(Body);
        }
        else
        {
            message.AddPooled(Rented, Length);
        }
    }

    /// <summary>Returns the pooled buffer, if any (an accumulated command, or a frame that will not be delivered).</summary>
    public void Release()
    {
        if (Rented is not null)
        {
            FrameBufferPool.Instance.Return(Rented);
        }
    }
}
