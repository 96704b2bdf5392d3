using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Zmtp.Protocol;

/// <summary>
/// The ZMTP metadata block: <c>[name-length:u8][name][value-length:u32be][value]</c> repeated to the end of
/// the containing command. Names are written exactly as given and looked up case-insensitively (RFC 23).
/// </summary>
public static class ZmtpMetadata
{
    /// <summary>The socket type property name, as emitted.</summary>
    public const string SocketTypeName = "Socket-Type";

    /// <summary>The identity (routing id) property name, as emitted.</summary>
    public const string IdentityName = "Identity";

    /// <summary>Returns the number of octets <see cref="Write"/> produces.</summary>
    /// <param name="properties">The properties.</param>
    /// <returns>The encoded length.</returns>
    public static int GetEncodedLength(IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var total = 0;
        for (var i = 0; i < properties.Count; i++)
        {
            var (name, value) = properties[i];
            if (!IsValidName(name))
            {
                throw new ArgumentException($"Invalid metadata property name '{name}'.", nameof(properties));
            }

            total = checked(total + 1 + name.Length + 4 + value.Length);
        }

        return total;
    }

    /// <summary>Encodes the properties, in order, into <paramref name="destination"/>.</summary>
    /// <param name="destination">At least <see cref="GetEncodedLength"/> octets.</param>
    /// <param name="properties">The properties (names validated by <see cref="GetEncodedLength"/>).</param>
    /// <returns>The number of octets written.</returns>
    public static int Write(Span<byte> destination, IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var offset = 0;
        for (var i = 0; i < properties.Count; i++)
        {
            var (name, value) = properties[i];
            destination[offset++] = (byte)name.Length;
            offset += Encoding.ASCII.GetBytes(name, destination[offset..]);
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], (uint)value.Length);
            offset += 4;
            value.Span.CopyTo(destination[offset..]);
            offset += value.Length;
        }

        return offset;
    }

    /// <summary>
    /// Reads properties up to the end of <paramref name="data"/>. The first occurrence of a name wins.
    /// </summary>
    /// <param name="data">The reader, positioned at the first property.</param>
    /// <returns>The properties, keyed case-insensitively.</returns>
    /// <exception cref="ZmtpProtocolException">A property is truncated or has an empty name.</exception>
    public static IReadOnlyDictionary<string, byte[]> Read(ref SequenceReader<byte> data) => Read(ref data, -1);

    /// <summary>
    /// Reads properties up to the end of <paramref name="data"/>, at most <paramref name="maxProperties"/>
    /// of them. The first occurrence of a name wins.
    /// </summary>
    /// <param name="data">The reader, positioned at the first property.</param>
    /// <param name="maxProperties">The most properties accepted (-1: no limit).</param>
    /// <returns>The properties, keyed case-insensitively.</returns>
    /// <exception cref="ZmtpProtocolException">A property is truncated or has an empty name, or there are
    /// more than <paramref name="maxProperties"/>.</exception>
    public static IReadOnlyDictionary<string, byte[]> Read(ref SequenceReader<byte> data, int maxProperties)
    {
        var properties = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        var count = 0;
        Span<byte> name = stackalloc byte[255];
        while (!data.End)
        {
            if (maxProperties >= 0 && ++count > maxProperties)
            {
                ProtocolThrow.Error(ZmtpProtocolError.LimitExceeded, $"The peer's metadata has more than {maxProperties} properties.");
            }

            // RFC 23: name-length is 1..255; libzmq: a truncated property is a protocol error.
            if (!data.TryRead(out var nameLength) || nameLength == 0)
            {
                ProtocolThrow.Error(ZmtpProtocolError.InvalidMetadata, "Metadata property with an empty name.");
            }

            if (!data.TryCopyTo(name[..nameLength]))
            {
                ProtocolThrow.Error(ZmtpProtocolError.InvalidMetadata, "Truncated metadata property name.");
            }

            data.Advance(nameLength);
            if (!data.TryReadBigEndian(out int valueLength) || valueLength < 0 || data.Remaining < valueLength)
            {
                ProtocolThrow.Error(ZmtpProtocolError.InvalidMetadata, "Truncated metadata property value.");
            }

            var value = new byte[valueLength];
            data.TryCopyTo(value);
            data.Advance(valueLength);
            properties.TryAdd(Encoding.Latin1.GetString(name[..nameLength]), value);
        }

        return properties;
    }

    /// <summary>True when <paramref name="name"/> is 1..255 of letters, digits, '-', '_', '.', '+' (RFC 23).</summary>
    /// <param name="name">The candidate name.</param>
    /// <returns>Whether the name may be sent.</returns>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 255)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '+'))
            {
                return false;
            }
        }

        return true;
    }
}
