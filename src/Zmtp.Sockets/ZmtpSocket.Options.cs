using System.Globalization;

namespace Zmtp;

/// <content>Options by libzmq name, for tools and configuration files.</content>
public abstract partial class ZmtpSocket
{
    /// <summary>The option names <see cref="SetOption"/> and <see cref="GetOption"/> accept (libzmq's names
    /// without the <c>ZMQ_</c> prefix; read-only ones such as TYPE and LAST_ENDPOINT included).</summary>
    public static IReadOnlyCollection<string> OptionNames { get; } =
        [.. SocketOptionNames.Names, "TYPE", "LAST_ENDPOINT", "EVENTS", "RCVMORE", "MECHANISM", "THREAD_SAFE", "SUBSCRIBE", "UNSUBSCRIBE"];

    /// <summary>Sets an option by its libzmq name (<c>SNDHWM</c>, <c>ROUTING_ID</c>, <c>SUBSCRIBE</c> on a
    /// SUB, …) from text: milliseconds for times (-1 infinite), 0/1 for switches, UTF-8 text or <c>0x</c>hex
    /// for bytes.</summary>
    /// <param name="name">The libzmq option name, case-insensitive, with or without <c>ZMQ_</c>.</param>
    /// <param name="value">The value as text.</param>
    /// <exception cref="ArgumentException">The name is unknown or read-only, or the value is invalid.</exception>
    public void SetOption(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        var bare = Bare(name);
        if (bare is "SUBSCRIBE" or "UNSUBSCRIBE")
        {
            byte[] topic;
            try
            {
                topic = value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? Convert.FromHexString(value.AsSpan(2)) : System.Text.Encoding.UTF8.GetBytes(value);
            }
            catch (FormatException ex)
            {
                throw new ArgumentException($"Invalid hex for {bare}: '{value}'.", nameof(value), ex);
            }

            if (!TrySetSubscription(topic, bare == "SUBSCRIBE"))
            {
                throw new ArgumentException($"Option {bare} does not apply to a {SocketType.ToString().ToUpperInvariant()} socket.", nameof(name));
            }

            return;
        }

        if (!SocketOptionNames.Set(Options, bare, value))
        {
            throw new ArgumentException(
                OptionNames.Contains(bare, StringComparer.OrdinalIgnoreCase) ? $"Option {bare} is read-only." : $"Unknown option '{name}'.",
                nameof(name));
        }
    }

    /// <summary>Reads an option by its libzmq name, as text (see <see cref="SetOption"/>).</summary>
    /// <param name="name">The libzmq option name.</param>
    /// <returns>The value as text.</returns>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public string GetOption(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var bare = Bare(name);
        return bare switch
        {
            "TYPE" => ((int)SocketType).ToString(CultureInfo.InvariantCulture),
            "LAST_ENDPOINT" => LastEndpoint ?? string.Empty,
            "EVENTS" => ((int)Events).ToString(CultureInfo.InvariantCulture),
            "RCVMORE" => "0", // Messages are received whole: there is never a frame "still to come".
            "MECHANISM" => "0",
            "THREAD_SAFE" => "1",
            _ => SocketOptionNames.TryGet(Options, bare, out var value) ? value : throw new ArgumentException($"Unknown option '{name}'.", nameof(name)),
        };
    }

    /// <summary>Applies a SUBSCRIBE/UNSUBSCRIBE option; false when the type has none.</summary>
    private protected virtual bool TrySetSubscription(ReadOnlySpan<byte> topic, bool subscribe) => false;

    private static string Bare(string name) =>
        (name.StartsWith("ZMQ_", StringComparison.OrdinalIgnoreCase) ? name[4..] : name).ToUpperInvariant();
}
