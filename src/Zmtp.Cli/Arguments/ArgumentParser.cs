using System.Globalization;
using Zmtp.Cli.Output;
using Zmtp.Cli.Perf;

namespace Zmtp.Cli.Arguments;

/// <summary>
/// Parses the command line of the <c>zmtp</c> tool. Options may appear anywhere after the command, as
/// <c>--name VALUE</c> or <c>--name=VALUE</c>; <c>--</c> ends options. Every problem throws a
/// <see cref="UsageException"/> whose message names it.
/// </summary>
internal static class ArgumentParser
{
    /// <summary>The options that configure the socket of recv, send, echo and monitor.</summary>
    private static readonly string[] SocketSettingOptions = ["--identity", "--option"];

    /// <summary>Parses <paramref name="args"/> (without the program name).</summary>
    /// <exception cref="UsageException">The arguments are not a valid command line.</exception>
    public static CliOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw new UsageException("no command given");
        }

        var command = args[0];
        var rest = args.Skip(1).ToArray();
        return command switch
        {
            "help" or "--help" or "-h" => new CliOptions { Command = CommandKind.Help },
            "recv" => ParseSocketCommand(CommandKind.Recv, rest),
            "send" => ParseSocketCommand(CommandKind.Send, rest),
            "echo" => ParseSocketCommand(CommandKind.Echo, rest),
            "perf" => PerfArgumentParser.Parse(rest),
            "demo" => ParseDemo(rest),
            "proxy" => ProxyArgumentParser.Parse(rest),
            "monitor" => ParseSocketCommand(CommandKind.Monitor, rest),
            _ => throw new UsageException($"unknown command '{command}' (expected recv, send, echo, proxy, monitor, perf, demo or help)"),
        };
    }

    private static CliOptions ParseSocketCommand(CommandKind command, string[] args)
    {
        var tokens = TokenList.Split(args, OptionsOf(command), Name(command));
        if (tokens.Help)
        {
            return new CliOptions { Command = CommandKind.Help };
        }

        if (tokens.Positionals.Count == 0)
        {
            throw new UsageException($"{Name(command)}: missing socket TYPE");
        }

        var type = SocketTypeNames.Parse(tokens.Positionals[0].Text);
        CheckType(command, type);

        var endpoints = new List<EndpointSpec>();
        var frames = new List<byte[]>();
        foreach (var positional in tokens.Positionals.Skip(1))
        {
            // Contract: endpoints are the positionals that contain "://" (after stripping @/>); for
            // send the remaining positionals are FRAMEs. After "--" everything is a FRAME.
            if (!positional.AfterDoubleDash && EndpointListParser.LooksLikeEndpoint(positional.Text))
            {
                endpoints.AddRange(EndpointListParser.Parse(positional.Text, defaultBind: false));
            }
            else if (command == CommandKind.Send)
            {
                frames.Add(FrameText.ParseArgument(positional.Text));
            }
            else
            {
                throw new UsageException($"{Name(command)}: unexpected argument '{positional.Text}' (endpoints contain \"://\")");
            }
        }

        if (endpoints.Count == 0)
        {
            throw new UsageException($"{Name(command)}: missing ENDPOINT (e.g. @tcp://127.0.0.1:5555 to bind, tcp://127.0.0.1:5555 to connect)");
        }

        if (command == CommandKind.Send && frames.Count == 0)
        {
            throw new UsageException("send: missing FRAME (give at least one; \"\" is an empty frame)");
        }

        // RFC 28: a ROUTER's first frame only names the peer; a message of that frame alone is dropped.
        if (command == CommandKind.Send && type == ZmtpSocketType.Router && frames.Count < 2)
        {
            throw new UsageException("send: a ROUTER message is the peer's routing id FRAME followed by at least one more FRAME");
        }

        var subscriptions = tokens.Values("--subscribe").Select(FrameText.ParseArgument).ToList();
        if (subscriptions.Count > 0 && type is not (ZmtpSocketType.Sub or ZmtpSocketType.XSub))
        {
            throw new UsageException($"{Name(command)}: --subscribe applies to SUB and XSUB sockets, not {SocketTypeNames.Name(type)}");
        }

        return new CliOptions
        {
            Command = command,
            SocketType = type,
            Endpoints = endpoints,
            Frames = frames,
            Subscriptions = subscriptions,
            Settings = Settings(tokens, Name(command)),
            Count = tokens.Int("-n", min: 1),
            TimeoutMs = tokens.Int("--timeout", min: 0),
            IntervalMs = tokens.Int("--interval", min: 0) ?? 0,
            Hex = tokens.Flag("--hex"),
        };
    }

    private static CliOptions ParseDemo(string[] args)
    {
        var tokens = TokenList.Split(args, [], "demo");
        if (tokens.Help)
        {
            return new CliOptions { Command = CommandKind.Help };
        }

        if (tokens.Positionals.Count > 0)
        {
            throw new UsageException($"demo: unexpected argument '{tokens.Positionals[0].Text}'");
        }

        return new CliOptions { Command = CommandKind.Demo };
    }

    /// <summary>--identity (as ROUTING_ID, the last one given) followed by every --option in order.</summary>
    private static List<OptionSetting> Settings(TokenList tokens, string command)
    {
        var settings = new List<OptionSetting>();
        if (tokens.Values("--identity") is [.., var identity])
        {
            settings.Add(OptionSetting.Identity(identity));
        }

        settings.AddRange(tokens.Values("--option").Select(text => OptionSetting.Parse(text, command)));
        return settings;
    }

    /// <summary>Parses a whole decimal number no smaller than <paramref name="min"/>.</summary>
    internal static int ParseInt(string text, string what, int min)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new UsageException($"invalid {what} '{text}' (expected a whole number >= {min.ToString(CultureInfo.InvariantCulture)})");
        }

        return value;
    }

    private static string[] OptionsOf(CommandKind command) =>
        command switch
        {
            CommandKind.Recv => ["-n", "--subscribe", "--timeout", "--hex", .. SocketSettingOptions],
            CommandKind.Send => ["-n", "--interval", "--timeout", .. SocketSettingOptions],
            CommandKind.Monitor => ["-n", "--timeout", .. SocketSettingOptions],
            _ => ["-n", "--timeout", "--hex", .. SocketSettingOptions],
        };

    private static void CheckType(CommandKind command, ZmtpSocketType type)
    {
        var ok = command switch
        {
            // REP must reply before it can receive again (use echo); REQ must send first; PUB/PUSH cannot receive.
            CommandKind.Recv => type is ZmtpSocketType.Pull or ZmtpSocketType.Sub or ZmtpSocketType.XSub or ZmtpSocketType.XPub
                or ZmtpSocketType.Pair or ZmtpSocketType.Dealer or ZmtpSocketType.Router,
            CommandKind.Send => type is ZmtpSocketType.Push or ZmtpSocketType.Pub or ZmtpSocketType.XPub or ZmtpSocketType.XSub
                or ZmtpSocketType.Req or ZmtpSocketType.Pair or ZmtpSocketType.Dealer or ZmtpSocketType.Router,
            CommandKind.Monitor => true,
            _ => type is ZmtpSocketType.Rep or ZmtpSocketType.Dealer or ZmtpSocketType.Router or ZmtpSocketType.Pair,
        };
        if (!ok)
        {
            var allowed = command switch
            {
                CommandKind.Recv => "PULL, SUB, XSUB, XPUB, PAIR, DEALER or ROUTER",
                CommandKind.Send => "PUSH, PUB, XPUB, XSUB, REQ, PAIR, DEALER or ROUTER",
                _ => "REP, DEALER, ROUTER or PAIR",
            };
            throw new UsageException($"{Name(command)}: cannot use a {SocketTypeNames.Name(type)} socket (use {allowed})");
        }
    }

    private static string Name(CommandKind command) => command.ToString().ToLowerInvariant();
}
