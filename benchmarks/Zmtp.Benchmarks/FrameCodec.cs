using System.Buffers;
using Zmtp.Protocol;

namespace Zmtp.Benchmarks;

/// <summary>Encoding to bytes and decoding whole messages back, the way a session's read loop does.</summary>
internal static class FrameCodec
{
    public static byte[] Encode(Message message)
    {
        var output = new ArrayBufferWriter<byte>();
        ZmtpFrameWriter.WriteMessage(output, message);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Encodes <paramref name="message"/> again into a reused buffer; returns the bytes written.</summary>
    public static int EncodeInto(ArrayBufferWriter<byte> output, Message message)
    {
        output.ResetWrittenCount();
        ZmtpFrameWriter.WriteMessage(output, message);
        return output.WrittenCount;
    }

    /// <summary>Reads frames up to the one without MORE into a message from <paramref name="pool"/>, as a
    /// socket's session does. Disposing the message recycles it (and returns any pooled buffer).</summary>
    public static Message ReadMessage(ZmtpFrameReader frames, ref SequenceReader<byte> input, MessagePool pool)
    {
        var message = pool.Rent();
        while (frames.TryRead(ref input, out var frame))
        {
            frame.AddTo(message);
            if (!frame.Header.HasMore)
            {
                return message;
            }
        }

        message.Dispose();
        throw new InvalidOperationException("The encoded input ended inside a message.");
    }
}
