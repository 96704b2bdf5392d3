using System.Globalization;

namespace Zmtp.Cli.Arguments;

/// <summary>
/// The arguments of one command split into options and positionals. Options are given as
/// <c>--name VALUE</c> or <c>--name=VALUE</c>, anywhere; <c>--</c> makes every later argument positional.
/// </summary>
internal sealed class TokenList
{
    private static readonly string[] Flags = ["--hex"];

    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly string _command;

    private TokenList(string command) => _command = command;

    /// <summary>The positional arguments in order.</summary>
    public List<Positional> Positionals { get; } = [];

    /// <summary>True when -h/--help was given.</summary>
    public bool Help { get; private set; }

    /// <summary>Splits <paramref name="args"/>, accepting only the options in <paramref name="allowed"/>.</summary>
    public static TokenList Split(string[] args, string[] allowed, string command)
    {
        var tokens = new TokenList(command);
        var afterDoubleDash = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            // "-" alone and negative numbers ("-1" as a FRAME) are positionals, not options.
            if (afterDoubleDash || arg.Length < 2 || arg[0] != '-' || char.IsAsciiDigit(arg[1]))
            {
                tokens.Positionals.Add(new Positional(arg, afterDoubleDash));
                continue;
            }

            if (arg == "--")
            {
                afterDoubleDash = true;
                continue;
            }

            if (arg is "-h" or "--help")
            {
                tokens.Help = true;
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            if (!allowed.Contains(name))
            {
                throw new UsageException($"{command}: unknown option '{name}' (put \"--\" before a FRAME that starts with '-')");
            }

            string value;
            if (Flags.Contains(name))
            {
                if (equals > 0)
                {
                    throw new UsageException($"{command}: option '{name}' takes no value");
                }

                value = string.Empty;
            }
            else if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Length)
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"{command}: option '{name}' needs a value");
            }

            if (!tokens._options.TryGetValue(name, out var values))
            {
                tokens._options[name] = values = [];
            }

            values.Add(value);
        }

        return tokens;
    }

    /// <summary>Every value given for a repeatable option, in order.</summary>
    public IReadOnlyList<string> Values(string name) => _options.TryGetValue(name, out var values) ? values : [];

    /// <summary>True when the flag was given.</summary>
    public bool Flag(string name) => _options.ContainsKey(name);

    /// <summary>The value of a numeric option (the last one given wins), or null when absent.</summary>
    public int? Int(string name, int min)
    {
        if (!_options.TryGetValue(name, out var values))
        {
            return null;
        }

        var text = values[^1];
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new UsageException($"{_command}: invalid value '{text}' for {name} (expected a whole number >= {min.ToString(CultureInfo.InvariantCulture)})");
        }

        return value;
    }

    /// <summary>A positional argument and whether it came after <c>--</c>.</summary>
    internal readonly record struct Positional(string Text, bool AfterDoubleDash);
}
