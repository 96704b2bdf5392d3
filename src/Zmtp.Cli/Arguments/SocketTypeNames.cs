using System.Text;
using Zmtp.Protocol;

namespace Zmtp.Cli.Arguments;

/// <summary>Maps the TYPE argument (case-insensitive) to a socket type and back, using the wire names.</summary>
internal static class SocketTypeNames
{
    /// <summary>Parses a socket type name such as <c>req</c> or <c>XPUB</c>.</summary>
    /// <exception cref="UsageException">The name is not a socket type.</exception>
    public static ZmtpSocketType Parse(string name) =>
        ZmtpSocketTypes.TryParse(Encoding.ASCII.GetBytes(name.ToUpperInvariant()), out var type)
            ? type
            : throw new UsageException($"unknown socket type '{name}'");

    /// <summary>The conventional upper-case name, e.g. <c>XPUB</c>.</summary>
    public static string Name(ZmtpSocketType type) => ZmtpSocketTypes.GetName(type);
}
