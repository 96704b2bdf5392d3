using System.Text;
using Zmtp.Cli.Commands;
using Zmtp.Cli.Output;

namespace Zmtp.Cli.Tests;

/// <summary>The exit codes and messages of argument errors, run in-process (no sockets involved).</summary>
public sealed class CliApplicationTests
{
    [Fact]
    public async Task No_arguments_prints_usage_on_stderr_and_exits_2()
    {
        var (code, stdout, stderr) = await RunAsync();

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("Usage:", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("help")]
    public async Task Help_prints_usage_on_stdout_and_exits_0(string argument)
    {
        var (code, stdout, stderr) = await RunAsync(argument);

        Assert.Equal(0, code);
        Assert.Contains("zmtp recv TYPE ENDPOINT...", stdout, StringComparison.Ordinal);
        Assert.Contains("subscribes to", stdout, StringComparison.Ordinal);
        Assert.Contains("zmtp proxy FRONT_TYPE FRONT_ENDPOINT... BACK_TYPE BACK_ENDPOINT...", stdout, StringComparison.Ordinal);
        Assert.Contains("zmtp monitor TYPE ENDPOINT...", stdout, StringComparison.Ordinal);
        Assert.Contains("--option NAME=VALUE", stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stderr);
    }

    [Theory]
    [InlineData("zmtp: unknown socket type 'FOO'", "recv", "FOO", "tcp://127.0.0.1:5555")]
    [InlineData("zmtp: unknown command 'frobnicate'", "frobnicate")]
    [InlineData("zmtp: send: missing FRAME", "send", "push", "tcp://127.0.0.1:5555")]
    [InlineData("zmtp: recv: invalid value 'soon' for --timeout", "recv", "pull", "tcp://127.0.0.1:5555", "--timeout", "soon")]
    [InlineData("zmtp: --option FOO=1: Unknown option 'FOO'.", "recv", "pull", "@tcp://127.0.0.1:*", "--option", "FOO=1")]
    [InlineData("zmtp: --option SNDHWM=abc: Invalid value 'abc' for option SNDHWM", "send", "push", "tcp://127.0.0.1:1", "--option", "SNDHWM=abc", "x")]
    [InlineData("zmtp: --option TYPE=1: Option TYPE is read-only.", "monitor", "pull", "tcp://127.0.0.1:1", "--option", "TYPE=1")]
    [InlineData("zmtp: --option SUBSCRIBE=a: Option SUBSCRIBE does not apply to a PAIR socket.", "echo", "pair", "tcp://127.0.0.1:1", "--option", "SUBSCRIBE=a")]
    [InlineData("zmtp: --option SUBSCRIBE=0xz: ", "recv", "sub", "tcp://127.0.0.1:1", "--option", "SUBSCRIBE=0xz")]
    [InlineData("zmtp: proxy: a PUB frontend and a PUB backend cannot relay", "proxy", "pub", "@tcp://127.0.0.1:*", "pub", "@tcp://127.0.0.1:*")]
    public async Task Bad_arguments_exit_2_with_one_line_on_stderr(string expected, params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var code = await CliApplication.RunAsync(args, new CliContext(new OutputSink(stdout), stderr, CancellationToken.None));
        return (code, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }
}
