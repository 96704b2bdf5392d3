using System.Buffers;
using System.Text;
using Zmtp.Protocol;

namespace Zmtp.Fuzz;

/// <summary>
/// <c>command</c>: the input is a command frame body (<c>[name-length][name][data]</c>) read with
/// <see cref="ZmtpCommandReader"/> the way the session reads it (PING ttl and context, ERROR reason,
/// SUBSCRIBE/CANCEL topic, READY/INITIATE metadata). Only <see cref="ZmtpProtocolException"/> may
/// escape; one segment, many segments and one octet per segment agree; and every command read is
/// written back byte for byte by <see cref="ZmtpCommandWriter"/>.
/// </summary>
internal static class CommandTarget
{
    public static void Run(byte[] input)
    {
        var whole = Read(new ReadOnlySequence<byte>(input));
        Same(whole, Read(Segments.Split(input, 5)), "split into segments");
        if (input.Length <= 4096)
        {
            Same(whole, Read(Segments.PerByte(input)), "one octet per segment");
        }

        if (!whole.StartsWith("error:", StringComparison.Ordinal))
        {
            RoundTrip(input);
        }
    }

    private static string Read(ReadOnlySequence<byte> body)
    {
        var reader = new SequenceReader<byte>(body);
        try
        {
            var kind = ZmtpCommandReader.ReadName(ref reader);
            switch (kind)
            {
                case ZmtpCommandKind.Ping:
                    var ttl = ZmtpCommandReader.ReadPingTtl(ref reader);
                    return $"Ping:{ttl}:{Rest(ref reader)}";
                case ZmtpCommandKind.Error:
                    var reason = ZmtpCommandReader.ReadErrorReason(ref reader);
                    return $"Error:{Describe.Bytes(Encoding.Latin1.GetBytes(reason))}:{Rest(ref reader)}";
                case ZmtpCommandKind.Ready or ZmtpCommandKind.Initiate:
                    return $"{kind}:{MetadataTarget.Text(ZmtpMetadata.Read(ref reader))}";
                default:
                    return $"{kind}:{Rest(ref reader)}";
            }
        }
        catch (ZmtpProtocolException ex)
        {
            return Describe.Error(ex);
        }
    }

    private static string Rest(ref SequenceReader<byte> reader)
    {
        var rest = reader.UnreadSequence.ToArray();
        reader.AdvanceToEnd();
        return Describe.Bytes(rest);
    }

    private static void RoundTrip(byte[] input)
    {
        var name = input.AsMemory(1, input[0]);
        var data = input.AsSpan(1 + input[0]);
        var dataCopy = data.ToArray();
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(input));
        var kind = ZmtpCommandReader.ReadName(ref reader);

        Expect(input, Frame(o => ZmtpCommandWriter.WriteCommand(o, name.Span, dataCopy)), "WriteCommand");
        switch (kind)
        {
            case ZmtpCommandKind.Ping when data.Length - 2 <= ZmtpCommandReader.MaxPingContext:
                var ttl = ZmtpCommandReader.ReadPingTtl(ref reader);
                var context = reader.UnreadSequence.ToArray();
                Expect(input, Frame(o => ZmtpCommandWriter.WritePing(o, ttl, context)), "WritePing");
                break;
            case ZmtpCommandKind.Pong when data.Length <= ZmtpCommandReader.MaxPingContext:
                var pong = data.ToArray();
                Expect(input, Frame(o => ZmtpCommandWriter.WritePong(o, pong)), "WritePong");
                break;
            case ZmtpCommandKind.Subscribe:
                var topic = data.ToArray();
                Expect(input, Frame(o => ZmtpCommandWriter.WriteSubscribe(o, topic)), "WriteSubscribe");
                break;
            case ZmtpCommandKind.Cancel:
                var cancel = data.ToArray();
                Expect(input, Frame(o => ZmtpCommandWriter.WriteCancel(o, cancel)), "WriteCancel");
                break;
            case ZmtpCommandKind.Error when data.Length == 1 + data[0] && !data[1..].ContainsAnyInRange((byte)0x80, (byte)0xFF):
                // ASCII reasons only: the writer encodes ASCII, the reader decodes Latin-1.
                var reason = ZmtpCommandReader.ReadErrorReason(ref reader);
                Expect(input, Frame(o => ZmtpCommandWriter.WriteError(o, reason)), "WriteError");
                break;
            case ZmtpCommandKind.Ready or ZmtpCommandKind.Initiate:
                var properties = ZmtpMetadata.Read(ref reader);
                if (MetadataTarget.AllNamesValid(properties))
                {
                    var list = MetadataTarget.ToList(properties);
                    var written = Frame(o => ZmtpCommandWriter.WriteMetadataCommand(o, name.Span, list));
                    var back = new SequenceReader<byte>(new ReadOnlySequence<byte>(written));
                    ZmtpCommandReader.ReadName(ref back);
                    var text = MetadataTarget.Text(ZmtpMetadata.Read(ref back));
                    if (text != MetadataTarget.Text(properties))
                    {
                        throw new FuzzBugException($"{kind} metadata changed when written back: {text}.");
                    }
                }

                break;
        }
    }

    // Writes a command with the writer and returns its body, after checking the frame header.
    private static byte[] Frame(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(output.WrittenMemory));
        if (!ZmtpFrameHeader.TryParse(ref reader, -1, out var header) || !header.IsCommand || header.HasMore
            || header.Size != reader.Remaining
            || ZmtpFrameHeader.GetEncodedLength(header.Size) != reader.Consumed)
        {
            throw new FuzzBugException($"The writer produced a bad command frame: {Convert.ToHexString(output.WrittenSpan)}.");
        }

        return reader.UnreadSequence.ToArray();
    }

    private static void Expect(byte[] input, byte[] body, string writer)
    {
        if (!input.AsSpan().SequenceEqual(body))
        {
            throw new FuzzBugException($"{writer} wrote {Describe.Bytes(body)} for the command {Describe.Bytes(input)}.");
        }
    }

    private static void Same(string expected, string actual, string how)
    {
        if (expected != actual)
        {
            throw new FuzzBugException($"Command read from one segment gave {expected}, {how} gave {actual}.");
        }
    }
}
