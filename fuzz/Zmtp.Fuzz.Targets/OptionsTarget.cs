using System.Text;

namespace Zmtp.Fuzz;

/// <summary>
/// <c>options</c>: the input as UTF-8 lines <c>NAME=VALUE</c> (at most <see cref="MaxLines"/>), each applied
/// with <see cref="ZmtpSocket.SetOption"/> and read with <see cref="ZmtpSocket.GetOption"/> on a SUB, an
/// XPUB, a ROUTER and a PULL socket. Both may throw only <see cref="ArgumentException"/> (as documented);
/// after a successful set, reading the option works (except the write-only SUBSCRIBE and UNSUBSCRIBE)
/// and setting what was read succeeds again.
/// </summary>
internal static class OptionsTarget
{
    private const int MaxLines = 16;

    private static readonly ZmtpSocketType[] Types = [ZmtpSocketType.Sub, ZmtpSocketType.XPub, ZmtpSocketType.Router, ZmtpSocketType.Pull];

    public static void Run(byte[] input)
    {
        var lines = Encoding.UTF8.GetString(input).Split('\n', MaxLines + 1);
        foreach (var type in Types)
        {
            // Never bound or connected: creating and disposing one starts no I/O.
            using var socket = ZmtpSocket.Create(type);
            foreach (var line in lines.Take(MaxLines))
            {
                var separator = line.IndexOf('=', StringComparison.Ordinal);
                var name = separator < 0 ? line : line[..separator];
                var value = separator < 0 ? string.Empty : line[(separator + 1)..];
                Apply(socket, name, value);
            }
        }
    }

    private static void Apply(ZmtpSocket socket, string name, string value)
    {
        try
        {
            socket.SetOption(name, value);
        }
        catch (ArgumentException)
        {
            // Documented for unknown or read-only names and invalid values; GetOption is still exercised.
            TryGet(socket, name);
            return;
        }

        var bare = (name.StartsWith("ZMQ_", StringComparison.OrdinalIgnoreCase) ? name[4..] : name).ToUpperInvariant();
        if (bare is "SUBSCRIBE" or "UNSUBSCRIBE")
        {
            return;
        }

        string read;
        try
        {
            read = socket.GetOption(name);
        }
        catch (ArgumentException ex)
        {
            throw new FuzzBugException($"SetOption(\"{name}\", \"{value}\") succeeded on {socket.SocketType} but GetOption failed: {ex.Message}", ex);
        }

        try
        {
            socket.SetOption(name, read);
        }
        catch (ArgumentException ex)
        {
            throw new FuzzBugException($"GetOption(\"{name}\") after SetOption(\"{value}\") gave \"{read}\", which SetOption rejects: {ex.Message}", ex);
        }
    }

    private static void TryGet(ZmtpSocket socket, string name)
    {
        try
        {
            socket.GetOption(name);
        }
        catch (ArgumentException)
        {
        }
    }
}
