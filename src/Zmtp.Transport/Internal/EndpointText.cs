using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Zmtp.Transport;

/// <summary>Formats socket addresses the way libzmq reports them (ZMQ_LAST_ENDPOINT, monitor events).</summary>
internal static class EndpointText
{
    /// <summary><c>tcp://a.b.c.d:port</c> or <c>tcp://[v6]:port</c>; IPv4-mapped addresses of dual-stack sockets shown as IPv4.</summary>
    public static string Tcp(IPEndPoint endPoint)
    {
        string address = Address(endPoint.Address);
        string host = endPoint.Address.AddressFamily == AddressFamily.InterNetworkV6 && address.Contains(':', StringComparison.Ordinal)
            ? "[" + address + "]"
            : address;
        return "tcp://" + host + ":" + endPoint.Port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The address without a port; an IPv4-mapped IPv6 address becomes plain IPv4.</summary>
    public static string Address(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    /// <summary><c>ipc://</c> followed by the path as the user wrote it (<c>@name</c> for abstract sockets).</summary>
    public static string Ipc(string path) => "ipc://" + path;
}
