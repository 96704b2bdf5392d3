using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Zmtp.Transport;

/// <summary>
/// A parsed ZeroMQ endpoint: <c>tcp://host:port</c>, <c>ipc://path</c> or <c>inproc://name</c>.
/// </summary>
/// <remarks>
/// tcp hosts may be <c>*</c> (all interfaces), an IPv4 literal, an IPv6 literal (bracketed in text), or a
/// host or interface name; port <c>*</c> or <c>0</c> asks for an ephemeral port when binding. ipc paths are
/// file paths, <c>@name</c> for the Linux abstract namespace, or <c>*</c> for a fresh temporary path when binding.
/// </remarks>
public sealed class ZmtpEndpoint : IEquatable<ZmtpEndpoint>
{
    internal ZmtpEndpoint(TransportKind kind, string host, int port, string path)
    {
        Kind = kind;
        Host = host;
        Port = port;
        Path = path;
    }

    /// <summary>The transport named by the scheme.</summary>
    public TransportKind Kind { get; }

    /// <summary>tcp: host name, IPv4 or IPv6 literal (without brackets) or <c>*</c>; empty for other transports.</summary>
    public string Host { get; }

    /// <summary>tcp: the port, 0 when it was given as <c>*</c> or <c>0</c> (ephemeral); 0 for other transports.</summary>
    public int Port { get; }

    /// <summary>ipc: the file path or <c>@name</c> (abstract namespace); inproc: the name; empty for tcp.</summary>
    public string Path { get; }

    /// <summary>Parses endpoint text.</summary>
    /// <param name="text">The endpoint, e.g. <c>tcp://127.0.0.1:5555</c>.</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="FormatException">The text is not a valid endpoint; the message names the problem.</exception>
    public static ZmtpEndpoint Parse(string text)
    {
        if (!TryParse(text, out ZmtpEndpoint? endpoint, out string? error))
        {
            throw new FormatException(error);
        }

        return endpoint;
    }

    /// <summary>Parses endpoint text without throwing.</summary>
    /// <param name="text">The endpoint, e.g. <c>ipc:///tmp/feed</c>.</param>
    /// <param name="endpoint">The endpoint when the text is valid.</param>
    /// <param name="error">Why the text is invalid, otherwise null.</param>
    /// <returns>True when the text is a valid endpoint.</returns>
    public static bool TryParse(string text, [NotNullWhen(true)] out ZmtpEndpoint? endpoint, out string? error)
    {
        error = EndpointParser.Parse(text, out endpoint);
        return error is null;
    }

    /// <summary>The canonical text: <c>tcp://host:port</c> (IPv6 in brackets, port 0 as <c>*</c>), <c>ipc://path</c>, <c>inproc://name</c>.</summary>
    /// <returns>Endpoint text that parses back to an equal endpoint.</returns>
    public override string ToString() => Kind switch
    {
        TransportKind.Tcp => string.Concat(
            "tcp://",
            Host.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host,
            ":",
            Port == 0 ? "*" : Port.ToString(CultureInfo.InvariantCulture)),
        TransportKind.Ipc => "ipc://" + Path,
        _ => "inproc://" + Path,
    };

    /// <summary>Compares transport, host (ignoring case), port and path (exactly).</summary>
    /// <param name="other">The endpoint to compare with.</param>
    /// <returns>True when both name the same endpoint.</returns>
    public bool Equals(ZmtpEndpoint? other) =>
        other is not null
        && Kind == other.Kind
        && Port == other.Port
        && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Path, other.Path, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ZmtpEndpoint);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Kind, Port, StringComparer.OrdinalIgnoreCase.GetHashCode(Host), StringComparer.Ordinal.GetHashCode(Path));
}
