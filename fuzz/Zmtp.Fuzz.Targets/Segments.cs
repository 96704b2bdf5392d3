using System.Buffers;

namespace Zmtp.Fuzz;

/// <summary>
/// Multi-segment sequences and chunk plans derived from the input itself, so a run is deterministic
/// (the same input always splits the same way) yet different inputs probe different boundaries.
/// </summary>
internal static class Segments
{
    /// <summary>Cut points for <paramref name="data"/>: a small pseudo-random walk seeded by its content.</summary>
    public static List<int> CutPoints(ReadOnlySpan<byte> data, int maxStep)
    {
        var cuts = new List<int>();
        var state = Seed(data);
        var offset = 0;
        while (offset < data.Length)
        {
            state = Next(state);
            offset += 1 + (int)(state % (ulong)maxStep);
            cuts.Add(Math.Min(offset, data.Length));
        }

        return cuts;
    }

    /// <summary>The data as consecutive chunks ending at <see cref="CutPoints"/>.</summary>
    public static List<ReadOnlyMemory<byte>> Chunks(ReadOnlyMemory<byte> data, int maxStep)
    {
        var chunks = new List<ReadOnlyMemory<byte>>();
        var start = 0;
        foreach (var cut in CutPoints(data.Span, maxStep))
        {
            chunks.Add(data[start..cut]);
            start = cut;
        }

        return chunks;
    }

    /// <summary>One segment per chunk (chunks of 1 to <paramref name="maxStep"/> octets).</summary>
    public static ReadOnlySequence<byte> Split(ReadOnlyMemory<byte> data, int maxStep) => Build(Chunks(data, maxStep));

    /// <summary>One segment per octet: the worst case for boundary handling.</summary>
    public static ReadOnlySequence<byte> PerByte(ReadOnlyMemory<byte> data) => Split(data, 1);

    public static ReadOnlySequence<byte> Build(IReadOnlyList<ReadOnlyMemory<byte>> parts)
    {
        if (parts.Count == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(parts[0], 0);
        var last = first;
        for (var i = 1; i < parts.Count; i++)
        {
            last = last.Append(parts[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    // FNV-1a over the input, then xorshift steps: cheap, and stable across runs and machines.
    private static ulong Seed(ReadOnlySpan<byte> data)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in data)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash | 1;
    }

    private static ulong Next(ulong x)
    {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x;
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
