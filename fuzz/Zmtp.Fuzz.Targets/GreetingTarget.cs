using System.Buffers;
using Zmtp.Protocol;

namespace Zmtp.Fuzz;

/// <summary>
/// <c>greeting</c>: <see cref="ZmtpGreeting.TryParse"/> on arbitrary bytes. Only <see cref="ZmtpProtocolException"/>
/// may escape; the bytes parsed whole, over many segments and as growing prefixes (as a pipe delivers them)
/// must give the same result; a greeting is consumed whole (64 octets) or not at all; and a parsed
/// mechanism written back with <see cref="ZmtpGreeting.Write"/> parses to the same greeting.
/// </summary>
internal static class GreetingTarget
{
    public static void Run(byte[] input)
    {
        var whole = Parse(new ReadOnlySequence<byte>(input), input.Length);

        // Only the first 64 octets can matter: keep the one-segment-per-octet variant small.
        var head = input.AsMemory(0, Math.Min(input.Length, 2 * ZmtpGreeting.Length));
        Same(whole, Parse(Segments.Split(input, 7), input.Length), "split into segments");
        Same(whole, Parse(Segments.PerByte(head), input.Length), "one octet per segment");
        Same(whole, ParseIncrementally(input), "delivered in chunks");
        RoundTrip(input);
    }

    private static string Parse(ReadOnlySequence<byte> input, int totalLength)
    {
        var reader = new SequenceReader<byte>(input);
        try
        {
            var done = ZmtpGreeting.TryParse(ref reader, out var greeting);
            if (done != (input.Length >= ZmtpGreeting.Length))
            {
                throw new FuzzBugException($"TryParse returned {done} with {input.Length} octets buffered.");
            }

            var expected = done ? ZmtpGreeting.Length : 0;
            if (reader.Consumed != expected)
            {
                throw new FuzzBugException($"TryParse returned {done} but consumed {reader.Consumed} octets.");
            }

            // Text independent of how much was buffered beyond the greeting.
            return done
                ? $"ok:{greeting.MajorVersion}.{greeting.MinorVersion}:{greeting.Mechanism}:{greeting.AsServer}"
                : input.Length == totalLength ? "more" : "more(prefix)";
        }
        catch (ZmtpProtocolException ex)
        {
            return Describe.Error(ex);
        }
    }

    // What a pipe loop sees: growing prefixes until the parser decides.
    private static string ParseIncrementally(byte[] input)
    {
        foreach (var cut in Segments.CutPoints(input, 5))
        {
            var result = Parse(new ReadOnlySequence<byte>(input, 0, cut), input.Length);
            if (result != "more(prefix)")
            {
                return result;
            }
        }

        return input.Length == 0 ? Parse(ReadOnlySequence<byte>.Empty, 0) : "more";
    }

    private static void RoundTrip(byte[] input)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(input));
        ZmtpGreeting parsed;
        try
        {
            if (!ZmtpGreeting.TryParse(ref reader, out parsed))
            {
                return;
            }
        }
        catch (ZmtpProtocolException)
        {
            return;
        }

        var output = new ArrayBufferWriter<byte>();
        ZmtpGreeting.Write(output, parsed.Mechanism, parsed.AsServer);
        var again = new SequenceReader<byte>(new ReadOnlySequence<byte>(output.WrittenMemory));
        if (!ZmtpGreeting.TryParse(ref again, out var reparsed)
            || reparsed.Mechanism != parsed.Mechanism
            || reparsed.AsServer != parsed.AsServer
            || reparsed.MajorVersion != ZmtpGreeting.OurMajorVersion
            || reparsed.MinorVersion != ZmtpGreeting.OurMinorVersion)
        {
            throw new FuzzBugException($"Greeting for mechanism '{parsed.Mechanism}' did not survive Write and TryParse.");
        }
    }

    private static void Same(string expected, string actual, string how)
    {
        if (expected != actual)
        {
            throw new FuzzBugException($"Greeting parsed whole gave {expected}, {how} gave {actual}.");
        }
    }
}
