using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zmtp.Transport;

/// <summary>Turns endpoint text into a <see cref="ZmtpEndpoint"/>, or says precisely what is wrong with it.</summary>
internal static class EndpointParser
{
    private const string SchemeSeparator = "://";
    private const int MaxHostNameLength = 253;

    // sockaddr_un.sun_path is 108 bytes; libzmq rejects a path of that length or more (ENAMETOOLONG).
    internal const int MaxIpcPathBytes = 107;

    /// <summary>Parses <paramref name="text"/>; returns null on success, else the error message.</summary>
    public static string? Parse(string? text, out ZmtpEndpoint? endpoint)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "The endpoint is empty; expected tcp://host:port, ipc://path or inproc://name.";
        }

        int separator = text.IndexOf(SchemeSeparator, StringComparison.Ordinal);
        if (separator <= 0)
        {
            return $"The endpoint '{text}' has no transport scheme; expected tcp://host:port, ipc://path or inproc://name.";
        }

        string scheme = text[..separator];
        string address = text[(separator + SchemeSeparator.Length)..];
        return scheme switch
        {
            "tcp" => ParseTcp(text, address, out endpoint),
            "ipc" => ParseIpc(text, address, out endpoint),
            "inproc" => ParseInproc(text, address, out endpoint),
            _ => $"The endpoint '{text}' uses the unknown transport '{scheme}'; expected tcp, ipc or inproc (lower case).",
        };
    }

    private static string? ParseTcp(string text, string address, out ZmtpEndpoint? endpoint)
    {
        endpoint = null;
        string host;
        string portText;
        if (address.StartsWith('['))
        {
            int close = address.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return $"The endpoint '{text}' has an unterminated '[' in its host.";
            }

            host = address[1..close];
            string rest = address[(close + 1)..];
            if (!rest.StartsWith(':'))
            {
                return $"The endpoint '{text}' has no port; expected tcp://[address]:port.";
            }

            portText = rest[1..];
            if (!IsIPv6(host))
            {
                return $"The endpoint '{text}' has '{host}' in brackets, which is not an IPv6 address.";
            }
        }
        else
        {
            // Like libzmq, the port follows the last colon, so an unbracketed IPv6 literal still parses.
            int colon = address.LastIndexOf(':');
            if (colon < 0)
            {
                return $"The endpoint '{text}' has no port; expected tcp://host:port.";
            }

            host = address[..colon];
            portText = address[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            return $"The endpoint '{text}' has no host; expected tcp://host:port (use * for all interfaces).";
        }

        if (!TryParsePort(portText, out int port))
        {
            return $"The endpoint '{text}' has the invalid port '{portText}'; expected a number from 0 to 65535 or *.";
        }

        string? hostError = NormalizeHost(host, out string normalized);
        if (hostError is not null)
        {
            return $"The endpoint '{text}' {hostError}";
        }

        endpoint = new ZmtpEndpoint(TransportKind.Tcp, normalized, port, string.Empty);
        return null;
    }

    private static string? NormalizeHost(string host, out string normalized)
    {
        normalized = host;
        if (host == "*")
        {
            return null;
        }

        if (host.Contains(':', StringComparison.Ordinal))
        {
            if (!IPAddress.TryParse(host, out IPAddress? v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return $"has the invalid IPv6 address '{host}'.";
            }

            normalized = v6.ToString();
            return null;
        }

        if (IsDigitsAndDots(host))
        {
            // Strict dotted quad, as inet_pton: IPAddress.TryParse would also take "1" or "127.1".
            if (!TryParseDottedQuad(host, out IPAddress? v4))
            {
                return $"has the invalid IPv4 address '{host}'.";
            }

            normalized = v4.ToString();
            return null;
        }

        if (!IsHostName(host))
        {
            return $"has the invalid host name '{host}'; expected *, an IP address, or a host or interface name.";
        }

        return null;
    }

    private static string? ParseIpc(string text, string path, out ZmtpEndpoint? endpoint)
    {
        endpoint = null;
        if (path.Length == 0)
        {
            return $"The endpoint '{text}' has no path; expected ipc://path, ipc://@name or ipc://*.";
        }

        if (path == "@")
        {
            return $"The endpoint '{text}' has an empty abstract socket name after '@'.";
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return $"The endpoint '{text}' has a NUL character in its path.";
        }

        if (Encoding.UTF8.GetByteCount(path) > MaxIpcPathBytes)
        {
            return $"The endpoint '{text}' has a path longer than {MaxIpcPathBytes} bytes, the Unix domain socket limit.";
        }

        endpoint = new ZmtpEndpoint(TransportKind.Ipc, string.Empty, 0, path);
        return null;
    }

    private static string? ParseInproc(string text, string name, out ZmtpEndpoint? endpoint)
    {
        endpoint = null;
        if (name.Length == 0)
        {
            return $"The endpoint '{text}' has no name; expected inproc://name.";
        }

        endpoint = new ZmtpEndpoint(TransportKind.Inproc, string.Empty, 0, name);
        return null;
    }

    private static bool TryParsePort(string text, out int port)
    {
        port = 0;
        if (text == "*")
        {
            return true;
        }

        if (text.Length is 0 or > 5)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        port = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return port <= IPEndPoint.MaxPort;
    }

    private static bool IsIPv6(string host) =>
        IPAddress.TryParse(host, out IPAddress? address) && address.AddressFamily == AddressFamily.InterNetworkV6;

    private static bool IsDigitsAndDots(string host)
    {
        foreach (char c in host)
        {
            if (!char.IsAsciiDigit(c) && c != '.')
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseDottedQuad(string host, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        string[] parts = host.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (string part in parts)
        {
            if (part.Length is 0 or > 3 || int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return IPAddress.TryParse(host, out address);
    }

    private static bool IsHostName(string host)
    {
        if (host.Length > MaxHostNameLength)
        {
            return false;
        }

        // RFC 1123 labels (letters, digits, '-'), plus '_' which interface names and some hosts use.
        string[] labels = host.TrimEnd('.').Split('.');
        foreach (string label in labels)
        {
            if (label.Length is 0 or > 63)
            {
                return false;
            }

            foreach (char c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
                {
                    return false;
                }
            }
        }

        return true;
    }
}
