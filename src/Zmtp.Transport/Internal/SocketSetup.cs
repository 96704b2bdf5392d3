using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Zmtp.Transport;

/// <summary>Socket options shared by listeners and connectors, and tcp address resolution.</summary>
internal static class SocketSetup
{
    /// <summary>Applies per-connection options: TCP_NODELAY (libzmq sets it on every tcp connection) and buffer sizes.</summary>
    public static void ConfigureStream(Socket socket, TransportOptions options, bool tcp)
    {
        if (tcp)
        {
            socket.NoDelay = true;
            ApplyKeepAlive(socket, options);
            if (options.TypeOfService > 0 && socket.AddressFamily == AddressFamily.InterNetwork)
            {
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.TypeOfService, options.TypeOfService);
            }
        }

        ApplyBufferSizes(socket, options);
    }

    /// <summary>libzmq's TCP_KEEPALIVE options; -1 leaves each to the OS.</summary>
    private static void ApplyKeepAlive(Socket socket, TransportOptions options)
    {
        if (options.TcpKeepAlive >= 0)
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, options.TcpKeepAlive > 0);
        }

        if (options.TcpKeepAlive <= 0)
        {
            return;
        }

        if (options.TcpKeepAliveCount > 0)
        {
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, options.TcpKeepAliveCount);
        }

        if (options.TcpKeepAliveIdle > 0)
        {
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, options.TcpKeepAliveIdle);
        }

        if (options.TcpKeepAliveInterval > 0)
        {
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, options.TcpKeepAliveInterval);
        }
    }

    /// <summary>SO_SNDBUF / SO_RCVBUF when configured; zero or negative keeps the OS default.</summary>
    public static void ApplyBufferSizes(Socket socket, TransportOptions options)
    {
        if (options.SendBufferSize > 0)
        {
            socket.SendBufferSize = options.SendBufferSize;
        }

        if (options.ReceiveBufferSize > 0)
        {
            socket.ReceiveBufferSize = options.ReceiveBufferSize;
        }
    }

    /// <summary>
    /// Plain SO_REUSEADDR, as libzmq sets on its tcp listeners: a port held only by TIME_WAIT connections can be
    /// bound again at once, while a port another socket listens on still fails with EADDRINUSE.
    /// </summary>
    /// <remarks>
    /// Set as a raw option because .NET's <see cref="SocketOptionName.ReuseAddress"/> also turns on
    /// SO_REUSEPORT on Unix, which would let a second listener share the port. On Windows SO_REUSEADDR means
    /// port sharing, so nothing is set there.
    /// </remarks>
    public static void AllowFastRebind(Socket socket)
    {
        const int Enabled = 1;
        if (OperatingSystem.IsLinux())
        {
            socket.SetRawSocketOption(1 /* SOL_SOCKET */, 2 /* SO_REUSEADDR */, BitConverter.GetBytes(Enabled));
        }
        else if (OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            socket.SetRawSocketOption(0xffff /* SOL_SOCKET */, 4 /* SO_REUSEADDR */, BitConverter.GetBytes(Enabled));
        }
    }

    /// <summary>The local address to bind for a tcp endpoint's host: <c>*</c>, an IP literal, an interface name or a host name.</summary>
    public static IPAddress ResolveBindAddress(string host, bool ipv6)
    {
        if (host == "*")
        {
            return ipv6 ? IPAddress.IPv6Any : IPAddress.Any;
        }

        if (IPAddress.TryParse(host, out IPAddress? literal))
        {
            return literal;
        }

        // libzmq accepts an interface name ("lo", "eth0") where a bind address is expected.
        foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (string.Equals(nic.Name, host, StringComparison.Ordinal))
            {
                IPAddress? address = PickAddress(nic.GetIPProperties().UnicastAddresses.Select(u => u.Address), ipv6);
                if (address is not null)
                {
                    return address;
                }
            }
        }

        // Binding is synchronous (libzmq's bind fails or succeeds before returning), so resolve synchronously too.
        return PickAddress(Dns.GetHostAddresses(host), ipv6)
            ?? throw new SocketException((int)SocketError.AddressNotAvailable);
    }

    /// <summary>Candidate addresses for connecting: IPv4 only unless IPv6 is enabled (libzmq ZMQ_IPV6).</summary>
    public static async ValueTask<IPAddress[]> ResolveConnectAddressesAsync(string host, bool ipv6, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out IPAddress? literal))
        {
            return [literal];
        }

        AddressFamily family = ipv6 ? AddressFamily.Unspecified : AddressFamily.InterNetwork;
        IPAddress[] addresses = await Dns.GetHostAddressesAsync(host, family, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        return addresses;
    }

    private static IPAddress? PickAddress(IEnumerable<IPAddress> addresses, bool ipv6)
    {
        IPAddress? fallback = null;
        foreach (IPAddress address in addresses)
        {
            if (address.AddressFamily == AddressFamily.InterNetwork)
            {
                return address;
            }

            if (ipv6 && address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                fallback ??= address;
            }
        }

        return fallback;
    }
}
