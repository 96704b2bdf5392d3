using System.Net;
using System.Net.Sockets;

namespace Zmtp.Cli.Tests;

/// <summary>zmtp proxy and zmtp monitor as child processes.</summary>
public sealed class ProxyMonitorProcessTests
{
    private const int SigInt = 2;
    private const string Wait = "20000";

    [Fact]
    public async Task Proxy_router_dealer_carries_req_requests_to_a_rep_echo_and_back()
    {
        await using var proxy = CliProcess.Start("proxy", "ROUTER", "@tcp://127.0.0.1:*", "DEALER", "@tcp://127.0.0.1:*");
        var frontend = await proxy.BoundEndpointAsync();
        var backend = await proxy.BoundEndpointAsync();

        await using var echo = CliProcess.Start("echo", "REP", backend, "-n", "2");
        var send = await CliProcess.RunAsync("send", "REQ", frontend, "-n", "2", "--timeout", Wait, "through", "0xff");

        Assert.True(send.Code == 0, send.Stderr);
        Assert.Equal("through\t0xff\nthrough\t0xff\n", send.Stdout);
        Assert.Equal(0, await echo.WaitForExitAsync());
        Assert.Equal("through\t0xff\nthrough\t0xff\n", echo.Stdout);

        // Contract: the proxy runs until interrupted, and that is a normal end.
        proxy.Signal(SigInt);
        Assert.Equal(0, await proxy.WaitForExitAsync());
        Assert.Equal(string.Empty, proxy.Stdout);
    }

    [Fact]
    public async Task Proxy_xsub_xpub_forwards_subscriptions_and_messages()
    {
        await using var proxy = CliProcess.Start("proxy", "xsub", "@tcp://127.0.0.1:*", "xpub", "@tcp://127.0.0.1:*");
        var frontend = await proxy.BoundEndpointAsync();
        var backend = await proxy.BoundEndpointAsync();

        await using var sub = CliProcess.Start("recv", "SUB", backend, "--subscribe", "t", "-n", "1");
        await using var publisher = CliProcess.Start("send", "PUB", frontend, "-n", "1000", "--interval", "50", "topic", "data");

        Assert.Equal(0, await sub.WaitForExitAsync());
        Assert.Equal("topic\tdata\n", sub.Stdout);
    }

    [Theory]
    [InlineData("zmtp: unknown socket type 'NOPE'", "NOPE", "@tcp://127.0.0.1:*", "DEALER", "@tcp://127.0.0.1:*")]
    [InlineData("zmtp: proxy: a PUSH frontend and a PUB backend cannot relay", "PUSH", "@tcp://127.0.0.1:*", "PUB", "@tcp://127.0.0.1:*")]
    [InlineData("zmtp: proxy: missing backend TYPE", "ROUTER", "@tcp://127.0.0.1:*")]
    [InlineData("zmtp: proxy: missing frontend ENDPOINT", "ROUTER", "DEALER", "@tcp://127.0.0.1:*")]
    public async Task Proxy_with_bad_arguments_exits_2(string expected, params string[] args)
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(["proxy", .. args]);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_of_a_bind_shows_listening_then_accepted_and_handshake_succeeded()
    {
        await using var monitor = CliProcess.Start("monitor", "PULL", "@tcp://127.0.0.1:*", "-n", "3");
        var endpoint = await monitor.BoundEndpointAsync();
        Assert.Equal($"listening\t{endpoint}\t0", await monitor.ReadLineAsync());

        await using var peer = CliProcess.Start("send", "PUSH", endpoint, "--timeout", Wait, "ignored");

        Assert.Equal($"accepted\t{endpoint}\t0", await monitor.ReadLineAsync());
        Assert.Equal($"handshake-succeeded\t{endpoint}\t0", await monitor.ReadLineAsync());
        Assert.Equal(0, await monitor.WaitForExitAsync());
    }

    [Fact]
    public async Task Monitor_of_a_connect_shows_connect_delayed_then_connected()
    {
        await using var recv = CliProcess.Start("recv", "PULL", "@tcp://127.0.0.1:*");
        var endpoint = await recv.BoundEndpointAsync();

        var (code, stdout, stderr) = await CliProcess.RunAsync("monitor", "PUSH", endpoint, "-n", "3", "--timeout", Wait);

        Assert.True(code == 0, stderr);
        var names = stdout.TrimEnd('\n').Split('\n').Select(line => line.Split('\t')).ToList();
        Assert.Equal(["connect-delayed", "connected", "handshake-succeeded"], names.Select(fields => fields[0]));
        Assert.All(names, fields => Assert.Equal(endpoint, fields[1]));
    }

    [Fact]
    public async Task Monitor_shows_a_peer_leaving_and_stops_on_sigint_with_exit_0()
    {
        await using var monitor = CliProcess.Start("monitor", "ROUTER", "@tcp://127.0.0.1:*");
        var endpoint = await monitor.BoundEndpointAsync();
        Assert.StartsWith("listening\t", await monitor.ReadLineAsync(), StringComparison.Ordinal);

        // The DEALER's message is read and dropped by the monitor; the DEALER then closes.
        Assert.Equal(0, (await CliProcess.RunAsync("send", "DEALER", endpoint, "--timeout", Wait, "x")).Code);

        Assert.StartsWith("accepted\t", await monitor.ReadLineAsync(), StringComparison.Ordinal);
        Assert.StartsWith("handshake-succeeded\t", await monitor.ReadLineAsync(), StringComparison.Ordinal);
        Assert.StartsWith($"disconnected\t{endpoint}\t", await monitor.ReadLineAsync(), StringComparison.Ordinal);

        monitor.Signal(SigInt);
        Assert.Equal(0, await monitor.WaitForExitAsync());
    }

    [Fact]
    public async Task Monitor_timeout_without_events_exits_1()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync("monitor", "PULL", "@tcp://127.0.0.1:*", "-n", "2", "--timeout", "300");

        Assert.Equal(1, code);
        Assert.StartsWith("listening\t", stdout, StringComparison.Ordinal);
        Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no event within 300 ms", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_bind_to_a_port_in_use_shows_bind_failed_and_exits_3()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = $"tcp://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

        var (code, stdout, _) = await CliProcess.RunAsync("monitor", "PULL", "@" + endpoint);

        Assert.Equal(3, code);
        Assert.StartsWith($"bind-failed\t{endpoint}\t", stdout, StringComparison.Ordinal);
    }
}
