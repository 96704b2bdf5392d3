namespace Zmtp.Protocol.Tests.Support;

/// <summary>Golden bytes from docs/zmtp-wire.md (captured from libzmq 4.3.4 unless noted).</summary>
internal static class Golden
{
    public static readonly byte[] OurGreeting = Hex.Concat(
        Hex.Parse("FF 00 00 00 00 00 00 00 00 7F 03 01 4E 55 4C 4C"), new byte[48]);

    public static readonly byte[] LibzmqGreeting = Hex.Concat(
        Hex.Parse("FF 00 00 00 00 00 00 00 01 7F 03 01 4E 55 4C 4C"), new byte[48]);

    public static readonly byte[] Zmtp30Greeting = Hex.Concat(
        Hex.Parse("FF 00 00 00 00 00 00 00 01 7F 03 00 4E 55 4C 4C"), new byte[48]);

    public static readonly byte[] PlainGreeting = Hex.Concat(
        Hex.Parse("FF 00 00 00 00 00 00 00 01 7F 03 01 50 4C 41 49 4E"), new byte[47]);

    private const string ReadyPrefix = "05 52 45 41 44 59 0B 53 6F 63 6B 65 74 2D 54 79 70 65";
    private const string EmptyIdentity = "08 49 64 65 6E 74 69 74 79 00 00 00 00";

    public static readonly (ZmtpSocketType Type, byte[] Bytes)[] Ready =
    [
        (ZmtpSocketType.Req, Hex.Parse($"04 26 {ReadyPrefix} 00 00 00 03 52 45 51 {EmptyIdentity}")),
        (ZmtpSocketType.Rep, Hex.Parse($"04 19 {ReadyPrefix} 00 00 00 03 52 45 50")),
        (ZmtpSocketType.Dealer, Hex.Parse($"04 29 {ReadyPrefix} 00 00 00 06 44 45 41 4C 45 52 {EmptyIdentity}")),
        (ZmtpSocketType.Router, Hex.Parse($"04 29 {ReadyPrefix} 00 00 00 06 52 4F 55 54 45 52 {EmptyIdentity}")),
        (ZmtpSocketType.Pub, Hex.Parse($"04 19 {ReadyPrefix} 00 00 00 03 50 55 42")),
        (ZmtpSocketType.Sub, Hex.Parse($"04 19 {ReadyPrefix} 00 00 00 03 53 55 42")),
        (ZmtpSocketType.XPub, Hex.Parse($"04 1A {ReadyPrefix} 00 00 00 04 58 50 55 42")),
        (ZmtpSocketType.XSub, Hex.Parse($"04 1A {ReadyPrefix} 00 00 00 04 58 53 55 42")),
        (ZmtpSocketType.Push, Hex.Parse($"04 1A {ReadyPrefix} 00 00 00 04 50 55 53 48")),
        (ZmtpSocketType.Pull, Hex.Parse($"04 1A {ReadyPrefix} 00 00 00 04 50 55 4C 4C")),
        (ZmtpSocketType.Pair, Hex.Parse($"04 1A {ReadyPrefix} 00 00 00 04 50 41 49 52")),
    ];

    public static readonly byte[] DealerReadyAbc = Hex.Parse(
        $"04 2C {ReadyPrefix} 00 00 00 06 44 45 41 4C 45 52 08 49 64 65 6E 74 69 74 79 00 00 00 03 61 62 63");

    public static byte[] ReadyFor(ZmtpSocketType type) => Ready.Single(r => r.Type == type).Bytes;

    public static readonly byte[] Error400 = Hex.Parse("04 0A 05 45 52 52 4F 52 03 34 30 30");
}
