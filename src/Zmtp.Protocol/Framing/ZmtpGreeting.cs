using System.Buffers;
using System.Text;

namespace Zmtp.Protocol;

/// <summary>
/// The 64-octet ZMTP 3.x greeting: signature, version, mechanism, as-server flag, filler.
/// </summary>
public readonly struct ZmtpGreeting
{
    /// <summary>Total greeting length.</summary>
    public const int Length = 64;

    /// <summary>Length of the signature (<c>FF</c>, 8 padding octets, <c>7F</c>).</summary>
    public const int SignatureLength = 10;

    /// <summary>Length of the mechanism field.</summary>
    public const int MechanismLength = 20;

    /// <summary>The major version we announce.</summary>
    public const byte OurMajorVersion = 3;

    /// <summary>The minor version we announce (ZMTP 3.1, RFC 37).</summary>
    public const byte OurMinorVersion = 1;

    private const int MajorOffset = 10;
    private const int MinorOffset = 11;
    private const int MechanismOffset = 12;
    private const int AsServerOffset = 32;

    /// <summary>Creates a greeting value.</summary>
    /// <param name="majorVersion">Major version.</param>
    /// <param name="minorVersion">Minor version.</param>
    /// <param name="mechanism">Mechanism name, e.g. "NULL".</param>
    /// <param name="asServer">The as-server flag.</param>
    public ZmtpGreeting(int majorVersion, int minorVersion, string mechanism, bool asServer)
    {
        MajorVersion = majorVersion;
        MinorVersion = minorVersion;
        Mechanism = mechanism;
        AsServer = asServer;
    }

    /// <summary>The announced major version.</summary>
    public int MajorVersion { get; }

    /// <summary>The announced minor version.</summary>
    public int MinorVersion { get; }

    /// <summary>The mechanism name without its zero padding.</summary>
    public string Mechanism { get; }

    /// <summary>The as-server flag (informational: libzmq always sends 0 and never reads it).</summary>
    public bool AsServer { get; }

    /// <summary>
    /// Writes our whole 64-octet greeting (version 3.1, RFC-style zero padding) at once.
    /// </summary>
    /// <param name="output">The destination.</param>
    /// <param name="mechanism">Mechanism name: up to 20 of A-Z, 0-9, '-', '_', '.', '+'.</param>
    /// <param name="asServer">The as-server flag (RFC 23: MUST be 0 for NULL).</param>
    public static void Write(IBufferWriter<byte> output, string mechanism, bool asServer)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(mechanism);
        if (mechanism.Length is 0 or > MechanismLength || !IsValidMechanismName(mechanism))
        {
            throw new ArgumentException("Invalid ZMTP mechanism name.", nameof(mechanism));
        }

        var span = output.GetSpan(Length)[..Length];
        span.Clear();
        span[0] = 0xFF;
        span[9] = 0x7F;
        span[MajorOffset] = OurMajorVersion;
        span[MinorOffset] = OurMinorVersion;
        Encoding.ASCII.GetBytes(mechanism, span.Slice(MechanismOffset, MechanismLength));
        span[AsServerOffset] = asServer ? (byte)1 : (byte)0;
        output.Advance(Length);
    }

    /// <summary>
    /// Parses the peer's greeting. Returns false (consuming nothing) until all 64 octets are buffered,
    /// but validates what has arrived so far: the signature is checked as soon as its octets are there
    /// (so a non-ZMTP peer is rejected within 10 octets) and the major version as soon as octet 10 is.
    /// </summary>
    /// <param name="reader">The unread bytes.</param>
    /// <param name="greeting">The parsed greeting.</param>
    /// <returns>True when the whole greeting was parsed and consumed.</returns>
    /// <exception cref="ZmtpProtocolException">Not a ZMTP 3.x greeting.</exception>
    public static bool TryParse(ref SequenceReader<byte> reader, out ZmtpGreeting greeting)
    {
        greeting = default;
        Span<byte> bytes = stackalloc byte[Length];
        var available = (int)Math.Min(reader.Remaining, Length);
        var seen = bytes[..available];
        reader.TryCopyTo(seen);

        // RFC 23: signature = %xFF padding %x7F; bit 0 of the last octet marks ZMTP >= 2.0.
        if (available >= 1 && seen[0] != 0xFF)
        {
            ProtocolThrow.Error(ZmtpProtocolError.InvalidGreeting, "Not a ZMTP 3.x greeting (bad signature start).");
        }

        if (available >= SignatureLength && (seen[9] & 0x01) == 0)
        {
            ProtocolThrow.Error(ZmtpProtocolError.InvalidGreeting, "Not a ZMTP 3.x greeting (ZMTP 1.0 peer or not ZeroMQ).");
        }

        if (available > MajorOffset && seen[MajorOffset] < 3)
        {
            ProtocolThrow.Error(
                ZmtpProtocolError.UnsupportedVersion,
                $"Peer speaks ZMTP major version {seen[MajorOffset]}; only ZMTP 3.x is supported.");
        }

        if (available < Length)
        {
            return false;
        }

        var mechanism = ParseMechanism(bytes.Slice(MechanismOffset, MechanismLength));
        greeting = new ZmtpGreeting(bytes[MajorOffset], bytes[MinorOffset], mechanism, bytes[AsServerOffset] != 0);
        reader.Advance(Length);
        return true;
    }

    private static string ParseMechanism(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        var name = end < 0 ? field : field[..end];

        // libzmq compares all 20 octets, so the padding must be zero too.
        if (name.Length == 0 || (end >= 0 && field[end..].ContainsAnyExcept((byte)0)))
        {
            ProtocolThrow.Error(ZmtpProtocolError.InvalidGreeting, "Malformed mechanism name in greeting.");
        }

        foreach (var b in name)
        {
            if (!IsMechanismChar((char)b))
            {
                ProtocolThrow.Error(ZmtpProtocolError.InvalidGreeting, "Malformed mechanism name in greeting.");
            }
        }

        return name.SequenceEqual("NULL"u8) ? "NULL" : Encoding.ASCII.GetString(name);
    }

    private static bool IsValidMechanismName(string name)
    {
        foreach (var c in name)
        {
            if (!IsMechanismChar(c))
            {
                return false;
            }
        }

        return true;
    }

    // RFC 23: mechanism = 20 (%x41-5A / DIGIT / "-" / "_" / "." / "+" / %x0)
    private static bool IsMechanismChar(char c) => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or '+';
}
