using System.Text;
using Zmtp.Cli.Arguments;

namespace Zmtp.Cli.Tests;

public sealed class ArgumentParserTests
{
    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("recv", "--help")]
    [InlineData("perf", "-h")]
    public void Help_forms_parse_as_help(params string[] args) =>
        Assert.Equal(CommandKind.Help, ArgumentParser.Parse(args).Command);

    [Theory]
    [InlineData("req", ZmtpSocketType.Req)]
    [InlineData("REQ", ZmtpSocketType.Req)]
    [InlineData("Pull", ZmtpSocketType.Pull)]
    [InlineData("xsub", ZmtpSocketType.XSub)]
    [InlineData("ROUTER", ZmtpSocketType.Router)]
    public void Socket_type_is_case_insensitive(string name, ZmtpSocketType expected) =>
        Assert.Equal(expected, SocketTypeNames.Parse(name));

    [Fact]
    public void Recv_parses_endpoints_and_options()
    {
        var options = ArgumentParser.Parse(["recv", "sub", "@tcp://127.0.0.1:5555", "-n", "3", "--subscribe", "a", "--subscribe=0x0102", "--timeout", "250", "--hex"]);

        Assert.Equal(CommandKind.Recv, options.Command);
        Assert.Equal(ZmtpSocketType.Sub, options.SocketType);
        Assert.Equal([new EndpointSpec(true, "tcp://127.0.0.1:5555")], options.Endpoints);
        Assert.Equal(3, options.Count);
        Assert.Equal(250, options.TimeoutMs);
        Assert.True(options.Hex);
        Assert.Equal(2, options.Subscriptions.Count);
        Assert.Equal("a"u8.ToArray(), options.Subscriptions[0]);
        Assert.Equal(new byte[] { 1, 2 }, options.Subscriptions[1]);
    }

    [Fact]
    public void Recv_defaults_run_forever_without_timeout()
    {
        var options = ArgumentParser.Parse(["recv", "PULL", "tcp://127.0.0.1:5555"]);

        Assert.Null(options.Count);
        Assert.Null(options.TimeoutMs);
        Assert.False(options.Hex);
        Assert.Empty(options.Subscriptions);
    }

    [Theory]
    [InlineData("@tcp://a:1", true)]
    [InlineData(">tcp://a:1", false)]
    [InlineData("tcp://a:1", false)]
    [InlineData("@ipc:///tmp/x", true)]
    [InlineData("inproc://name", false)]
    public void Endpoint_prefixes_choose_bind_or_connect(string argument, bool bind)
    {
        var options = ArgumentParser.Parse(["recv", "pull", argument]);

        var endpoint = Assert.Single(options.Endpoints);
        Assert.Equal(bind, endpoint.Bind);
        Assert.Equal(argument.TrimStart('@', '>'), endpoint.Address);
    }

    [Fact]
    public void Comma_lists_and_separate_arguments_combine_each_with_its_own_prefix()
    {
        var options = ArgumentParser.Parse(["recv", "pull", "@tcp://*:1,>tcp://h:2,tcp://h:3", "@ipc:///tmp/s"]);

        Assert.Equal(
            [new EndpointSpec(true, "tcp://*:1"), new EndpointSpec(false, "tcp://h:2"), new EndpointSpec(false, "tcp://h:3"), new EndpointSpec(true, "ipc:///tmp/s")],
            options.Endpoints);
    }

    [Fact]
    public void Send_splits_endpoints_from_frames_with_hex_and_empty_frames()
    {
        var options = ArgumentParser.Parse(["send", "PUSH", "hello", "tcp://h:1", "", "0x00ff", "0X", "-n", "2", "--interval", "10", "-1", "--", "-x", "tcp://not-an-endpoint"]);

        Assert.Equal([new EndpointSpec(false, "tcp://h:1")], options.Endpoints);
        Assert.Equal(2, options.Count);
        Assert.Equal(10, options.IntervalMs);
        Assert.Equal(
            [Encoding.UTF8.GetBytes("hello"), [], [0x00, 0xff], [], Encoding.UTF8.GetBytes("-1"), Encoding.UTF8.GetBytes("-x"), Encoding.UTF8.GetBytes("tcp://not-an-endpoint")],
            options.Frames);
    }

    [Fact]
    public void Send_utf8_frame_is_encoded_as_utf8()
    {
        var options = ArgumentParser.Parse(["send", "push", "tcp://h:1", "héllo ✓"]);

        Assert.Equal(Encoding.UTF8.GetBytes("héllo ✓"), Assert.Single(options.Frames));
    }

    [Theory]
    [InlineData("thr-recv", nameof(PerfRole.ThroughputReceiver), true)]
    [InlineData("thr-send", nameof(PerfRole.ThroughputSender), false)]
    [InlineData("lat-server", nameof(PerfRole.LatencyServer), true)]
    [InlineData("lat-client", nameof(PerfRole.LatencyClient), false)]
    [InlineData("pubsub-send", nameof(PerfRole.PubSubSender), true)]
    [InlineData("pubsub-recv", nameof(PerfRole.PubSubReceiver), false)]
    public void Perf_roles_bind_or_connect_by_default(string role, string expectedRole, bool bind)
    {
        var expected = Enum.Parse<PerfRole>(expectedRole);
        var options = ArgumentParser.Parse(["perf", role, "tcp://127.0.0.1:5555", "1000", "64"]);

        Assert.Equal(CommandKind.Perf, options.Command);
        Assert.Equal(expected, options.PerfRole);
        Assert.Equal([new EndpointSpec(bind, "tcp://127.0.0.1:5555")], options.Endpoints);
        Assert.Equal(1000, options.PerfCount);
        Assert.Equal(64, options.PerfSize);
    }

    [Theory]
    [InlineData("@tcp://h:1", true)]
    [InlineData(">tcp://h:1", false)]
    public void Perf_prefix_overrides_the_role_default(string endpoint, bool bind)
    {
        Assert.Equal(bind, ArgumentParser.Parse(["perf", "thr-recv", endpoint, "1", "0"]).Endpoints[0].Bind);
        Assert.Equal(bind, ArgumentParser.Parse(["perf", "thr-send", endpoint, "1", "0"]).Endpoints[0].Bind);
    }

    [Fact]
    public void Demo_parses() => Assert.Equal(CommandKind.Demo, ArgumentParser.Parse(["demo"]).Command);

    [Theory]
    [InlineData("unknown command 'bogus'", "bogus")]
    [InlineData("unknown socket type 'FOO'", "recv", "FOO", "tcp://h:1")]
    [InlineData("missing socket TYPE", "recv")]
    [InlineData("missing ENDPOINT", "recv", "pull")]
    [InlineData("missing ENDPOINT", "send", "push", "hello")]
    [InlineData("missing FRAME", "send", "push", "tcp://h:1")]
    [InlineData("unexpected argument 'hello'", "recv", "pull", "tcp://h:1", "hello")]
    [InlineData("unknown option '--bogus'", "recv", "pull", "tcp://h:1", "--bogus")]
    [InlineData("unknown option '--interval'", "recv", "pull", "tcp://h:1", "--interval", "5")]
    [InlineData("unknown option '-x'", "send", "push", "tcp://h:1", "-x")]
    [InlineData("option '-n' needs a value", "recv", "pull", "tcp://h:1", "-n")]
    [InlineData("invalid value 'x' for -n", "recv", "pull", "tcp://h:1", "-n", "x")]
    [InlineData("invalid value '0' for -n", "recv", "pull", "tcp://h:1", "-n", "0")]
    [InlineData("invalid value '-5' for --timeout", "recv", "pull", "tcp://h:1", "--timeout", "-5")]
    [InlineData("invalid value '1.5' for --interval", "send", "push", "tcp://h:1", "a", "--interval", "1.5")]
    [InlineData("option '--hex' takes no value", "recv", "pull", "tcp://h:1", "--hex=1")]
    [InlineData("invalid hex frame '0xabc'", "send", "push", "tcp://h:1", "0xabc")]
    [InlineData("invalid hex frame '0xzz'", "send", "push", "tcp://h:1", "0xzz")]
    [InlineData("unknown transport 'udp'", "recv", "pull", "udp://h:1")]
    [InlineData("invalid endpoint 'hello'", "recv", "pull", "tcp://h:1,hello")]
    [InlineData("missing address", "recv", "pull", "@tcp://")]
    [InlineData("cannot use a PUSH socket", "recv", "push", "tcp://h:1")]
    [InlineData("cannot use a REP socket", "recv", "rep", "tcp://h:1")]
    [InlineData("cannot use a PULL socket", "send", "pull", "tcp://h:1", "a")]
    [InlineData("cannot use a SUB socket", "send", "sub", "tcp://h:1", "a")]
    [InlineData("cannot use a PUSH socket", "echo", "push", "tcp://h:1")]
    [InlineData("--subscribe applies to SUB and XSUB", "recv", "pull", "tcp://h:1", "--subscribe", "a")]
    [InlineData("missing ROLE", "perf")]
    [InlineData("unknown role 'thr'", "perf", "thr", "tcp://h:1", "1", "1")]
    [InlineData("expected ENDPOINT COUNT SIZE", "perf", "thr-recv", "tcp://h:1", "1")]
    [InlineData("expected ENDPOINT COUNT SIZE", "perf", "thr-recv", "tcp://h:1", "1", "2", "3")]
    [InlineData("invalid endpoint 'h:1'", "perf", "thr-recv", "h:1", "1", "2")]
    [InlineData("invalid COUNT 'many'", "perf", "thr-send", "tcp://h:1", "many", "2")]
    [InlineData("invalid COUNT '0'", "perf", "thr-send", "tcp://h:1", "0", "2")]
    [InlineData("invalid SIZE '-1'", "perf", "thr-send", "tcp://h:1", "1", "-1")]
    [InlineData("invalid SIZE '0'", "perf", "pubsub-send", "tcp://h:1", "1", "0")]
    [InlineData("unexpected argument 'x'", "demo", "x")]
    public void Bad_arguments_name_the_problem(string expected, params string[] args)
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(args));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
