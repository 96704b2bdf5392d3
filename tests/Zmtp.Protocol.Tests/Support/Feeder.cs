using System.Buffers;

namespace Zmtp.Protocol.Tests.Support;

internal delegate bool Parser<T>(ref SequenceReader<byte> reader, out T value);

/// <summary>
/// Runs a pure parser the way a pipe reader loop does: over every sequence variant, and incrementally
/// (bytes arriving in chunks, unconsumed bytes kept and offered again).
/// </summary>
internal static class Feeder
{
    public static List<T> ParseAll<T>(ReadOnlySequence<byte> input, Parser<T> parser)
    {
        var results = new List<T>();
        var reader = new SequenceReader<byte>(input);
        while (parser(ref reader, out var value))
        {
            results.Add(value);
        }

        Assert.True(reader.End, $"{reader.Remaining} octets left unparsed");
        return results;
    }

    public static List<T> ParseIncrementally<T>(byte[] data, int chunk, Parser<T> parser)
    {
        var results = new List<T>();
        var pending = new List<byte>();
        for (var offset = 0; offset < data.Length; offset += chunk)
        {
            pending.AddRange(data.Skip(offset).Take(chunk));

            // One segment per byte: the worst case for boundary handling.
            var sequence = Segments.Build(pending.Select(b => new[] { b }).ToArray());
            var reader = new SequenceReader<byte>(sequence);
            while (parser(ref reader, out var value))
            {
                results.Add(value);
            }

            pending.RemoveRange(0, (int)reader.Consumed);
        }

        Assert.Empty(pending);
        return results;
    }

    /// <summary>Parses over every variant and incrementally; asserts every run gives the same results.</summary>
    public static List<T> ParseEveryWay<T>(byte[] data, Func<Parser<T>> newParser, Func<T, string> describe)
    {
        var expected = ParseAll(new ReadOnlySequence<byte>(data), newParser());
        var expectedText = string.Join("|", expected.Select(describe));
        foreach (var variant in Segments.Variants(data))
        {
            Assert.Equal(expectedText, string.Join("|", ParseAll(variant, newParser()).Select(describe)));
        }

        foreach (var chunk in new[] { 1, 2, 3, 7 })
        {
            Assert.Equal(expectedText, string.Join("|", ParseIncrementally(data, chunk, newParser()).Select(describe)));
        }

        return expected;
    }
}
