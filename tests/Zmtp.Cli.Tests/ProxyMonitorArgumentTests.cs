using Zmtp.Cli.Arguments;

namespace Zmtp.Cli.Tests;

/// <summary>Parsing of --identity/--option and of the proxy and monitor commands.</summary>
public sealed class ProxyMonitorArgumentTests
{
    [Fact]
    public void Identity_comes_first_then_each_option_in_order()
    {
        var options = ArgumentParser.Parse(["send", "dealer", "--option", "SNDHWM=10", "tcp://h:1", "--identity", "0xab", "--option=LINGER=0", "--option", "XPUB_WELCOME_MSG=a=b", "hi"]);

        Assert.Equal(
            [
                new OptionSetting("ROUTING_ID", "0xab", "--identity 0xab"),
                new OptionSetting("SNDHWM", "10", "--option SNDHWM=10"),
                new OptionSetting("LINGER", "0", "--option LINGER=0"),
                new OptionSetting("XPUB_WELCOME_MSG", "a=b", "--option XPUB_WELCOME_MSG=a=b"),
            ],
            options.Settings);
        Assert.Equal(["hi"u8.ToArray()], options.Frames);
    }

    [Theory]
    [InlineData("recv", "pull")]
    [InlineData("echo", "rep")]
    [InlineData("monitor", "push")]
    public void Socket_options_apply_to_recv_echo_and_monitor(string command, string type)
    {
        var options = ArgumentParser.Parse([command, type, "tcp://h:1", "--option", "RCVHWM=1"]);

        Assert.Equal(new OptionSetting("RCVHWM", "1", "--option RCVHWM=1"), Assert.Single(options.Settings));
    }

    [Fact]
    public void Option_value_may_be_empty()
    {
        var setting = Assert.Single(ArgumentParser.Parse(["recv", "sub", "tcp://h:1", "--option", "SUBSCRIBE="]).Settings);

        Assert.Equal(("SUBSCRIBE", string.Empty), (setting.Name, setting.Value));
    }

    [Theory]
    [InlineData("PAIR", ZmtpSocketType.Pair)]
    [InlineData("pub", ZmtpSocketType.Pub)]
    [InlineData("Req", ZmtpSocketType.Req)]
    [InlineData("XSUB", ZmtpSocketType.XSub)]
    public void Monitor_takes_any_type_with_count_and_timeout(string type, ZmtpSocketType expected)
    {
        var options = ArgumentParser.Parse(["monitor", type, "@tcp://*:1,tcp://h:2", "-n", "4", "--timeout", "100"]);

        Assert.Equal(CommandKind.Monitor, options.Command);
        Assert.Equal(expected, options.SocketType);
        Assert.Equal([new EndpointSpec(true, "tcp://*:1"), new EndpointSpec(false, "tcp://h:2")], options.Endpoints);
        Assert.Equal(4, options.Count);
        Assert.Equal(100, options.TimeoutMs);
    }

    [Fact]
    public void Proxy_splits_the_two_sides_at_the_backend_type()
    {
        var options = ArgumentParser.Parse(["proxy", "router", "@tcp://*:5559", ">tcp://h:1,@ipc:///tmp/f", "DEALER", "@tcp://*:5560"]);

        Assert.Equal(CommandKind.Proxy, options.Command);
        Assert.Equal(ZmtpSocketType.Router, options.SocketType);
        Assert.Equal([new EndpointSpec(true, "tcp://*:5559"), new EndpointSpec(false, "tcp://h:1"), new EndpointSpec(true, "ipc:///tmp/f")], options.Endpoints);
        Assert.Equal(ZmtpSocketType.Dealer, options.BackendType);
        Assert.Equal([new EndpointSpec(true, "tcp://*:5560")], options.BackendEndpoints);
    }

    [Theory]
    [InlineData("PULL", "PUSH")]
    [InlineData("PUB", "SUB")]
    [InlineData("XSUB", "XPUB")]
    [InlineData("PAIR", "PAIR")]
    [InlineData("SUB", "PUB")]
    public void Proxy_accepts_types_that_relay_at_least_one_way(string front, string back)
    {
        var options = ArgumentParser.Parse(["proxy", front, "tcp://h:1", back, "tcp://h:2"]);

        Assert.Equal(SocketTypeNames.Parse(front), options.SocketType);
        Assert.Equal(SocketTypeNames.Parse(back), options.BackendType);
    }

    [Fact]
    public void Proxy_help_parses_as_help() => Assert.Equal(CommandKind.Help, ArgumentParser.Parse(["proxy", "--help"]).Command);

    [Theory]
    [InlineData("invalid --option 'SNDHWM'", "recv", "pull", "tcp://h:1", "--option", "SNDHWM")]
    [InlineData("invalid --option '=5'", "recv", "pull", "tcp://h:1", "--option", "=5")]
    [InlineData("option '--identity' needs a value", "send", "dealer", "tcp://h:1", "x", "--identity")]
    [InlineData("unknown option '--option'", "perf", "thr-send", "tcp://h:1", "1", "1", "--option", "SNDHWM=1")]
    [InlineData("unknown option '--hex'", "monitor", "pull", "tcp://h:1", "--hex")]
    [InlineData("unknown option '--subscribe'", "monitor", "sub", "tcp://h:1", "--subscribe", "a")]
    [InlineData("unexpected argument 'x'", "monitor", "pull", "tcp://h:1", "x")]
    [InlineData("missing ENDPOINT", "monitor", "pull")]
    [InlineData("unknown socket type 'bogus'", "monitor", "bogus", "tcp://h:1")]
    [InlineData("a ROUTER message is the peer's routing id FRAME followed by", "send", "router", "tcp://h:1", "peer")]
    [InlineData("missing frontend TYPE", "proxy")]
    [InlineData("missing frontend ENDPOINT", "proxy", "ROUTER")]
    [InlineData("unknown socket type 'tcp://h:1'", "proxy", "tcp://h:1", "DEALER", "tcp://h:2")]
    [InlineData("missing backend TYPE", "proxy", "ROUTER", "tcp://h:1")]
    [InlineData("missing backend ENDPOINT", "proxy", "ROUTER", "tcp://h:1", "DEALER")]
    [InlineData("unknown socket type 'FOO'", "proxy", "ROUTER", "tcp://h:1", "FOO", "tcp://h:2")]
    [InlineData("unexpected argument 'extra'", "proxy", "ROUTER", "tcp://h:1", "DEALER", "tcp://h:2", "extra")]
    [InlineData("a PUB frontend and a PUSH backend cannot relay", "proxy", "PUB", "tcp://h:1", "PUSH", "tcp://h:2")]
    [InlineData("a PULL frontend and a SUB backend cannot relay", "proxy", "PULL", "tcp://h:1", "SUB", "tcp://h:2")]
    [InlineData("unknown option '-n'", "proxy", "ROUTER", "tcp://h:1", "DEALER", "tcp://h:2", "-n", "1")]
    [InlineData("unknown transport 'udp'", "proxy", "ROUTER", "udp://h:1", "DEALER", "tcp://h:2")]
    public void Bad_arguments_name_the_problem(string expected, params string[] args)
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(args));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
