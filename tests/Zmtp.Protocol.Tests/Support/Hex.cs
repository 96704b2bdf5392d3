namespace Zmtp.Protocol.Tests.Support;

internal static class Hex
{
    /// <summary>Parses "04 0A 05 ..." (whitespace ignored).</summary>
    public static byte[] Parse(string hex) =>
        Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] Repeat(byte value, int count) => Enumerable.Repeat(value, count).ToArray();

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
