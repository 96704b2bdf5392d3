using System.Buffers;

namespace Zmtp.Protocol.Tests.Support;

/// <summary>Builds multi-segment sequences to exercise parsers across segment boundaries.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Build(params byte[][] parts)
    {
        if (parts.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(parts[0], 0);
        var last = first;
        for (var i = 1; i < parts.Length; i++)
        {
            last = last.Append(parts[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>The whole input as one segment, split in two at every offset, and one byte per segment.</summary>
    public static IEnumerable<ReadOnlySequence<byte>> Variants(byte[] data)
    {
        yield return new ReadOnlySequence<byte>(data);
        for (var cut = 0; cut <= data.Length; cut++)
        {
            yield return Build(data[..cut], data[cut..]);
        }

        yield return Build(data.Select(b => new[] { b }).ToArray());
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
