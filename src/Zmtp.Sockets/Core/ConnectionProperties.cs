using System.Text;
using Zmtp.Protocol;

namespace Zmtp.Core;

/// <summary>Builds the properties attached to every message of one connection, once per connection.</summary>
internal static class ConnectionProperties
{
    private const string PeerAddress = "Peer-Address";

    public static IReadOnlyDictionary<string, string> From(ZmtpPeerInfo info, string? peerAddress)
    {
        // libzmq looks properties up case-sensitively; names are kept as the peer sent them.
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in info.Properties)
        {
            // Peer-Address is what the transport saw, never what the peer claims (on ipc there is no
            // address, and a claimed one would pass for ours).
            if (!string.Equals(name, PeerAddress, StringComparison.OrdinalIgnoreCase))
            {
                properties[name] = Encoding.UTF8.GetString(value);
            }
        }

        if (info.SocketType is { } type && !properties.ContainsKey("Socket-Type"))
        {
            properties["Socket-Type"] = ZmtpSocketTypes.GetName(type);
        }

        if (!info.Identity.IsEmpty && !properties.ContainsKey("Identity"))
        {
            properties["Identity"] = Encoding.UTF8.GetString(info.Identity.Span);
        }

        if (peerAddress is not null)
        {
            properties[PeerAddress] = peerAddress;
        }

        return properties;
    }
}
