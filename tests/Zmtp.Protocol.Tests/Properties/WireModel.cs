using System.Buffers;
using CsCheck;

namespace Zmtp.Protocol.Tests.Properties;

/// <summary>One item of a peer's traffic after the handshake: a whole message or a command.</summary>
internal abstract record WireItem;

/// <summary>A multipart message (at least one frame).</summary>
internal sealed record MessageItem(byte[][] Frames) : WireItem
{
    public override string ToString() => $"M[{string.Join(",", Frames.Select(f => f.Length))}]";
}

/// <summary>SUBSCRIBE, CANCEL, PING or PONG, which the session returns; <see cref="Ttl"/> is for PING.</summary>
internal sealed record CommandItem(ZmtpInboundKind Kind, ushort Ttl, byte[] Data) : WireItem
{
    public override string ToString() => $"{Kind}({Ttl},{Data.Length})";
}

/// <summary>A command the session skips (libzmq ignores unknown commands after the handshake).</summary>
internal sealed record UnknownCommandItem(byte[] Name, byte[] Data) : WireItem
{
    public override string ToString() => $"?{System.Text.Encoding.ASCII.GetString(Name)}({Data.Length})";
}

/// <summary>Generators of valid traffic, its encoding with the library's writers, and what a decoder must see.</summary>
internal static class WireModel
{
    // Mostly tiny bodies, many at the 255/256 short/long boundary, now and then one of ~70 KiB (more than
    // the frame reader's 64 KiB first chunk, so the partial buffer has to grow).
    public static readonly Gen<int> BodySize = Gen.Frequency(
        (8, Gen.Int[0, 16]),
        (4, Gen.Int[250, 260]),
        (3, Gen.Int[17, 2048]),
        (1, Gen.Int[60_000, 72_000]));

    // Content from a seed: cheap for large bodies, and shrinking still works on the size.
    public static readonly Gen<byte[]> Body = Gen.Select(BodySize, Gen.Int, (size, seed) =>
    {
        var body = new byte[size];
        new Random(seed).NextBytes(body);
        return body;
    });

    public static readonly Gen<WireItem> Message = Body.Array[1, 5].Select(frames => (WireItem)new MessageItem(frames));

    private static readonly Gen<byte[]> Context = Gen.Byte.Array[0, ZmtpCommandReader.MaxPingContext];

    public static readonly Gen<WireItem> Command = Gen.OneOf(
        Gen.Byte.Array[0, 40].Select(topic => (WireItem)new CommandItem(ZmtpInboundKind.Subscribe, 0, topic)),
        Gen.Byte.Array[0, 40].Select(topic => (WireItem)new CommandItem(ZmtpInboundKind.Cancel, 0, topic)),
        Gen.Select(Gen.UShort, Context, (ttl, context) => (WireItem)new CommandItem(ZmtpInboundKind.Ping, ttl, context)),
        Context.Select(context => (WireItem)new CommandItem(ZmtpInboundKind.Pong, 0, context)),
        Gen.Select(Gen.Char['a', 'z'].Array[1, 8], Gen.Byte.Array[0, 300], (name, data) =>
            (WireItem)new UnknownCommandItem(System.Text.Encoding.ASCII.GetBytes(name), data)));

    /// <summary>0 to 12 items, commands interleaved between messages.</summary>
    public static readonly Gen<WireItem[]> Stream = Gen.Frequency((3, Message), (1, Command)).Array[0, 12];

    /// <summary>Chunk sizes a stream is cut into, used in turn until the stream is used up.</summary>
    public static readonly Gen<int[]> Chunks = Gen.Frequency((3, Gen.Int[1, 16]), (2, Gen.Int[17, 600]), (1, Gen.Int[601, 20_000])).Array[1, 8];

    public static byte[] Encode(IEnumerable<WireItem> items)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var item in items)
        {
            switch (item)
            {
                case MessageItem message:
                    for (var i = 0; i < message.Frames.Length; i++)
                    {
                        ZmtpFrameWriter.WriteFrame(output, i < message.Frames.Length - 1 ? ZmtpFrameFlags.More : ZmtpFrameFlags.None, message.Frames[i]);
                    }

                    break;
                case CommandItem { Kind: ZmtpInboundKind.Subscribe } subscribe:
                    ZmtpCommandWriter.WriteSubscribe(output, subscribe.Data);
                    break;
                case CommandItem { Kind: ZmtpInboundKind.Cancel } cancel:
                    ZmtpCommandWriter.WriteCancel(output, cancel.Data);
                    break;
                case CommandItem { Kind: ZmtpInboundKind.Ping } ping:
                    ZmtpCommandWriter.WritePing(output, ping.Ttl, ping.Data);
                    break;
                case CommandItem { Kind: ZmtpInboundKind.Pong } pong:
                    ZmtpCommandWriter.WritePong(output, pong.Data);
                    break;
                case UnknownCommandItem unknown:
                    ZmtpCommandWriter.WriteCommand(output, unknown.Name, unknown.Data);
                    break;
            }
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>The frames a frame decoder must produce: (command, more, body), command bodies included.</summary>
    public static List<(bool Command, bool More, byte[] Body)> ExpectedFrames(IEnumerable<WireItem> items)
    {
        var frames = new List<(bool, bool, byte[])>();
        foreach (var item in items)
        {
            if (item is MessageItem message)
            {
                for (var i = 0; i < message.Frames.Length; i++)
                {
                    frames.Add((false, i < message.Frames.Length - 1, message.Frames[i]));
                }
            }
            else
            {
                // A command's body is its encoding without the header.
                frames.Add((true, false, BodyOf(Encode([item]))));
            }
        }

        return frames;
    }

    private static byte[] BodyOf(byte[] frame)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(frame));
        Assert.True(ZmtpFrameHeader.TryParse(ref reader, -1, out var header));
        Assert.Equal(header.Size, reader.Remaining);
        return reader.UnreadSequence.ToArray();
    }

    /// <summary>The items a session returns: everything but unknown commands.</summary>
    public static List<WireItem> ExpectedInbound(IEnumerable<WireItem> items) => [.. items.Where(i => i is not UnknownCommandItem)];

    /// <summary><paramref name="data"/> cut into consecutive chunks of the given sizes (cycled).</summary>
    public static List<byte[]> Cut(byte[] data, int[] sizes)
    {
        var chunks = new List<byte[]>();
        for (int offset = 0, i = 0; offset < data.Length; i++)
        {
            var size = Math.Min(sizes[i % sizes.Length], data.Length - offset);
            chunks.Add(data[offset..(offset + size)]);
            offset += size;
        }

        return chunks;
    }

    public static string Describe(IEnumerable<WireItem> items) => string.Join(" ", items);
}
