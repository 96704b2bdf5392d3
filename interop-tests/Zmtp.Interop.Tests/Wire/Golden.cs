namespace Zmtp.Interop.Tests.Wire;

/// <summary>Golden bytes from /work/shared/docs/zmtp-wire.md (sections 2.2, 4.3, 7.3, 10.2, 12.3).</summary>
internal static class Golden
{
    private const string SocketType = "0B 53 6F 63 6B 65 74 2D 54 79 70 65";
    private const string ReadyName = "05 52 45 41 44 59";
    private const string EmptyIdentity = "08 49 64 65 6E 74 69 74 79 00 00 00 00";

    /// <summary>NULL greeting, version 3.1, RFC zero padding: what our side sends (2.2).</summary>
    public static readonly byte[] Greeting31 = Hex("FF 00 00 00 00 00 00 00 00 7F 03 01 4E 55 4C 4C" + Zeros(48));

    /// <summary>Same greeting announcing ZMTP 3.0 (minor 00).</summary>
    public static readonly byte[] Greeting30 = Hex("FF 00 00 00 00 00 00 00 00 7F 03 00 4E 55 4C 4C" + Zeros(48));

    /// <summary>The greeting libzmq 4.3.4 sends with no routing id: padding ends in 01 (2.2).</summary>
    public static readonly byte[] LibZmqGreeting = Hex("FF 00 00 00 00 00 00 00 01 7F 03 01 4E 55 4C 4C" + Zeros(48));

    /// <summary>READY commands of table 7.3 (libzmq 4.3.4, no routing id), written out in full.</summary>
    public static byte[] Ready(string socketType) => Hex(socketType switch
    {
        "REQ" => $"04 26 {ReadyName} {SocketType} 00 00 00 03 52 45 51 {EmptyIdentity}",
        "REP" => $"04 19 {ReadyName} {SocketType} 00 00 00 03 52 45 50",
        "DEALER" => $"04 29 {ReadyName} {SocketType} 00 00 00 06 44 45 41 4C 45 52 {EmptyIdentity}",
        "ROUTER" => $"04 29 {ReadyName} {SocketType} 00 00 00 06 52 4F 55 54 45 52 {EmptyIdentity}",
        "PUB" => $"04 19 {ReadyName} {SocketType} 00 00 00 03 50 55 42",
        "SUB" => $"04 19 {ReadyName} {SocketType} 00 00 00 03 53 55 42",
        "XPUB" => $"04 1A {ReadyName} {SocketType} 00 00 00 04 58 50 55 42",
        "XSUB" => $"04 1A {ReadyName} {SocketType} 00 00 00 04 58 53 55 42",
        "PUSH" => $"04 1A {ReadyName} {SocketType} 00 00 00 04 50 55 53 48",
        "PULL" => $"04 1A {ReadyName} {SocketType} 00 00 00 04 50 55 4C 4C",
        "PAIR" => $"04 1A {ReadyName} {SocketType} 00 00 00 04 50 41 49 52",
        _ => throw new ArgumentOutOfRangeException(nameof(socketType), socketType, "No golden READY."),
    });

    /// <summary>DEALER READY with ROUTING_ID "abc" (table 7.3, last row).</summary>
    public static readonly byte[] DealerReadyWithIdAbc =
        Hex($"04 2C {ReadyName} {SocketType} 00 00 00 06 44 45 41 4C 45 52 08 49 64 65 6E 74 69 74 79 00 00 00 03 61 62 63");

    /// <summary>REQ request "Hello": empty delimiter + body (4.3).</summary>
    public static readonly byte[] ReqHello = Hex("01 00 00 05 48 65 6C 6C 6F");

    /// <summary>REP reply "World" with the delimiter libzmq's REP echoes back (2.3).</summary>
    public static readonly byte[] RepWorld = Hex("01 00 00 05 57 6F 72 6C 64");

    public static readonly byte[] SubscribeA31 = Hex("04 0B 09 53 55 42 53 43 52 49 42 45 41");
    public static readonly byte[] SubscribeWeather31 = Hex("04 11 09 53 55 42 53 43 52 49 42 45 77 65 61 74 68 65 72");
    public static readonly byte[] CancelA31 = Hex("04 08 06 43 41 4E 43 45 4C 41");
    public static readonly byte[] SubscribeA30 = Hex("00 02 01 41");
    public static readonly byte[] CancelA30 = Hex("00 02 00 41");

    public static readonly byte[] PingLol = Hex("04 0A 04 50 49 4E 47 00 00 4C 4F 4C");
    public static readonly byte[] PongLol = Hex("04 08 04 50 4F 4E 47 4C 4F 4C");

    /// <summary>Parses space-separated hex ("04 0A ...").</summary>
    public static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", "", StringComparison.Ordinal));

    /// <summary>Renders bytes as space-separated upper-case hex, for readable assertion failures.</summary>
    public static string ToHex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).Chunk(2).Aggregate(
        new System.Text.StringBuilder(), (b, pair) => b.Append(b.Length == 0 ? "" : " ").Append(pair)).ToString();

    private static string Zeros(int count) => string.Concat(Enumerable.Repeat(" 00", count));
}
