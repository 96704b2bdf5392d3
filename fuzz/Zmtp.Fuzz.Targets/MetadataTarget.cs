using System.Buffers;
using Zmtp.Protocol;

namespace Zmtp.Fuzz;

/// <summary>
/// <c>metadata</c>: <see cref="ZmtpMetadata.Read"/> on arbitrary bytes (a READY's data). Only
/// <see cref="ZmtpProtocolException"/> may escape; one segment, many segments and one octet per segment
/// agree; and properties with valid names survive <see cref="ZmtpMetadata.Write"/> and a second read.
/// </summary>
internal static class MetadataTarget
{
    public static void Run(byte[] input)
    {
        var whole = Read(new ReadOnlySequence<byte>(input), out var properties);
        Same(whole, Read(Segments.Split(input, 6), out _), "split into segments");
        if (input.Length <= 4096)
        {
            Same(whole, Read(Segments.PerByte(input), out _), "one octet per segment");
        }

        if (properties is not null && AllNamesValid(properties))
        {
            var list = ToList(properties);
            var length = ZmtpMetadata.GetEncodedLength(list);
            var buffer = new byte[length];
            if (ZmtpMetadata.Write(buffer, list) != length)
            {
                throw new FuzzBugException("ZmtpMetadata.Write wrote a different length than GetEncodedLength.");
            }

            Same(whole, Read(new ReadOnlySequence<byte>(buffer), out _), "written back and read again");
        }
    }

    /// <summary>Properties sorted by name (names are unique ignoring case), values described.</summary>
    public static string Text(IReadOnlyDictionary<string, byte[]> properties) =>
        string.Join(";", properties
            .OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .Select(p => $"{Describe.Bytes(System.Text.Encoding.Latin1.GetBytes(p.Key))}={Describe.Bytes(p.Value)}"));

    public static bool AllNamesValid(IReadOnlyDictionary<string, byte[]> properties) =>
        properties.Keys.All(ZmtpMetadata.IsValidName);

    public static List<KeyValuePair<string, ReadOnlyMemory<byte>>> ToList(IReadOnlyDictionary<string, byte[]> properties) =>
        [.. properties.Select(p => new KeyValuePair<string, ReadOnlyMemory<byte>>(p.Key, p.Value))];

    private static string Read(ReadOnlySequence<byte> data, out IReadOnlyDictionary<string, byte[]>? properties)
    {
        var reader = new SequenceReader<byte>(data);
        try
        {
            properties = ZmtpMetadata.Read(ref reader);
            if (!reader.End)
            {
                throw new FuzzBugException($"ZmtpMetadata.Read returned with {reader.Remaining} octets unread.");
            }

            return Text(properties);
        }
        catch (ZmtpProtocolException ex)
        {
            properties = null;
            return Describe.Error(ex);
        }
    }

    private static void Same(string expected, string actual, string how)
    {
        if (expected != actual)
        {
            throw new FuzzBugException($"Metadata read from one segment gave {expected}, {how} gave {actual}.");
        }
    }
}
