using System.Buffers;

namespace Zmtp.Protocol;

/// <summary>
/// One complete frame produced by <see cref="ZmtpFrameReader"/>. A message frame's body lives in a buffer
/// rented from <see cref="ArrayPool{T}.Shared"/> (ownership passes to whoever adds it to a message). A
/// command's body is either a slice of the reader's input (valid until the input is advanced) or a rented
/// buffer that <see cref="Release"/> gives back.
/// </summary>
internal readonly struct ZmtpFrame
{
    public ZmtpFrame(ZmtpFrameHeader header, byte[]? rented, int length, ReadOnlySequence<byte> commandBody)
    {
        Header = header;
        Rented = rented;
        Length = length;
        CommandBody = commandBody;
    }

    public ZmtpFrameHeader Header { get; }

    /// <summary>Pooled buffer holding the body (null for an empty frame or an in-place command).</summary>
    public byte[]? Rented { get; }

    /// <summary>Body length.</summary>
    public int Length { get; }

    /// <summary>The command body (name-length, name, data); default for message frames.</summary>
    public ReadOnlySequence<byte> CommandBody { get; }

    /// <summary>Appends this message frame to <paramref name="message"/>, handing over its pooled buffer.</summary>
    public void AddTo(Message message)
    {
        if (Rented is null)
        {
            message.Add(ReadOnlyMemory<byte>.Empty);
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
            ArrayPool<byte>.Shared.Return(Rented);
        }
    }
}
