namespace Zmtp.Cli.Arguments;

/// <summary>One socket option from the command line, applied by libzmq name before any bind or connect.</summary>
/// <param name="Name">The libzmq option name, e.g. <c>SNDHWM</c> (checked when the socket exists).</param>
/// <param name="Value">The value as text: milliseconds, 0/1, a number, UTF-8 text or <c>0x</c>hex.</param>
/// <param name="Argument">How it was written (<c>--option SNDHWM=10</c>), for error messages.</param>
internal sealed record OptionSetting(string Name, string Value, string Argument)
{
    /// <summary>Parses the value of <c>--option NAME=VALUE</c> (the first '=' splits; VALUE may be empty).</summary>
    /// <exception cref="UsageException">There is no '=' or no NAME.</exception>
    public static OptionSetting Parse(string text, string command)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new UsageException($"{command}: invalid --option '{text}' (expected NAME=VALUE, e.g. SNDHWM=10)");
        }

        return new OptionSetting(text[..equals], text[(equals + 1)..], "--option " + text);
    }

    /// <summary><c>--identity ID</c>, which is ROUTING_ID under another name.</summary>
    public static OptionSetting Identity(string id) => new("ROUTING_ID", id, "--identity " + id);
}
