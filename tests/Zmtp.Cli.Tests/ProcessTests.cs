using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Zmtp.Cli.Tests;

/// <summary>The tool end to end: real child processes talking over loopback TCP.</summary>
public sealed class ProcessTests
{
    private const int SigInt = 2;

    [Fact]
    public async Task Recv_prints_what_send_sends_with_tab_separated_frames()
    {
        await using var recv = CliProcess.Start("recv", "PULL", "@tcp://127.0.0.1:*", "-n", "2");
        var endpoint = await recv.BoundEndpointAsync();

        var send = await CliProcess.RunAsync("send", "push", endpoint, "-n", "2", "a", "b", "", "0x00ff", "héllo");

        Assert.Equal(0, send.Code);
        Assert.Equal(string.Empty, send.Stdout);
        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Equal("a\tb\t\t0x00ff\théllo\na\tb\t\t0x00ff\théllo\n", recv.Stdout);
    }

    [Fact]
    public async Task Recv_hex_prints_every_frame_as_hex()
    {
        await using var recv = CliProcess.Start("recv", "pull", "@tcp://127.0.0.1:*", "-n", "1", "--hex");
        var endpoint = await recv.BoundEndpointAsync();

        Assert.Equal(0, (await CliProcess.RunAsync("send", "PUSH", endpoint, "AB", "")).Code);

        Assert.Equal(0, await recv.WaitForExitAsync());

        // An empty frame is hex too under --hex: 0x (issue 9, item 7).
        Assert.Equal("0x4142\t0x\n", recv.Stdout);
    }

    [Fact]
    public async Task Recv_binds_every_endpoint_of_a_comma_list()
    {
        await using var recv = CliProcess.Start("recv", "PULL", "@tcp://127.0.0.1:*,@tcp://127.0.0.1:*", "-n", "2");
        var first = await recv.BoundEndpointAsync();
        var second = await recv.BoundEndpointAsync();
        Assert.NotEqual(first, second);

        Assert.Equal(0, (await CliProcess.RunAsync("send", "PUSH", first, "one")).Code);
        Assert.Equal("one", await recv.ReadLineAsync());
        Assert.Equal(0, (await CliProcess.RunAsync("send", "PUSH", second, "two")).Code);
        Assert.Equal("two", await recv.ReadLineAsync());
        Assert.Equal(0, await recv.WaitForExitAsync());
    }

    [Fact]
    public async Task Send_req_prints_the_reply_of_echo_rep()
    {
        await using var echo = CliProcess.Start("echo", "REP", "@tcp://127.0.0.1:*", "-n", "2");
        var endpoint = await echo.BoundEndpointAsync();

        var send = await CliProcess.RunAsync("send", "req", endpoint, "-n", "2", "--timeout", "20000", "ping", "0x0102");

        Assert.Equal(0, send.Code);
        Assert.Equal("ping\t0x0102\nping\t0x0102\n", send.Stdout);
        Assert.Equal(0, await echo.WaitForExitAsync());
        Assert.Equal("ping\t0x0102\nping\t0x0102\n", echo.Stdout);
    }

    [Fact]
    public async Task Echo_router_returns_the_message_to_its_sender()
    {
        await using var echo = CliProcess.Start("echo", "ROUTER", "@tcp://127.0.0.1:*", "-n", "1");
        var endpoint = await echo.BoundEndpointAsync();

        var send = await CliProcess.RunAsync("send", "REQ", endpoint, "--timeout", "20000", "hi", "there");

        Assert.Equal(0, send.Code);
        Assert.Equal("hi\tthere\n", send.Stdout);
        Assert.Equal(0, await echo.WaitForExitAsync());

        // ROUTER sees [routing id, empty delimiter from REQ, hi, there].
        var fields = echo.Stdout.TrimEnd('\n').Split('\t');
        Assert.Equal(4, fields.Length);
        Assert.Equal(["", "hi", "there"], fields[1..]);
    }

    [Fact]
    public async Task Recv_sub_gets_matching_messages_from_send_pub()
    {
        await using var recv = CliProcess.Start("recv", "SUB", "@tcp://127.0.0.1:*", "-n", "1", "--subscribe", "weather");
        var endpoint = await recv.BoundEndpointAsync();

        // A PUB drops messages until the subscription has arrived, so keep publishing until one gets through.
        await using var news = CliProcess.Start("send", "PUB", endpoint, "-n", "1000", "--interval", "50", "news", "ignored");
        await using var weather = CliProcess.Start("send", "PUB", endpoint, "-n", "1000", "--interval", "50", "weather", "sunny");

        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Equal("weather\tsunny\n", recv.Stdout);
    }

    [Fact]
    public async Task Recv_timeout_without_sender_exits_1()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync("recv", "PULL", "@tcp://127.0.0.1:*", "--timeout", "300");

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("no message within 300 ms", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_timeout_without_peer_exits_1()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync("send", "PUSH", $"tcp://127.0.0.1:{UnusedPort()}", "--timeout", "300", "hello");

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("no peer took the message within 300 ms", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Req_without_reply_exits_1()
    {
        // A ROUTER takes the request (and prints it) but never answers, so the reply wait times out.
        await using var silent = CliProcess.Start("recv", "ROUTER", "@tcp://127.0.0.1:*");
        var endpoint = await silent.BoundEndpointAsync();

        var (code, stdout, stderr) = await CliProcess.RunAsync("send", "REQ", endpoint, "--timeout", "2000", "hello");

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("no reply within 2000 ms", stderr, StringComparison.Ordinal);
        // [routing id, empty delimiter, hello]
        Assert.EndsWith("\t\thello", await silent.ReadLineAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_type_exits_2_naming_it()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync("recv", "FOO", "tcp://127.0.0.1:5555");

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal("zmtp: unknown socket type 'FOO'\n", stderr);
    }

    [Fact]
    public async Task No_arguments_exits_2_with_usage_on_stderr()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync();

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("Usage:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_exits_0_with_usage_on_stdout()
    {
        var (code, stdout, _) = await CliProcess.RunAsync("--help");

        Assert.Equal(0, code);
        Assert.Contains("zmtp perf", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binding_a_port_in_use_exits_3()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var (code, stdout, stderr) = await CliProcess.RunAsync("recv", "PULL", $"@tcp://127.0.0.1:{port}");

        Assert.Equal(3, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("zmtp: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigint_stops_an_open_ended_recv_with_exit_0()
    {
        await using var recv = CliProcess.Start("recv", "PULL", "@tcp://127.0.0.1:*");
        var endpoint = await recv.BoundEndpointAsync();
        Assert.Equal(0, (await CliProcess.RunAsync("send", "PUSH", endpoint, "before")).Code);
        Assert.Equal("before", await recv.ReadLineAsync());

        recv.Signal(SigInt);

        Assert.Equal(0, await recv.WaitForExitAsync());
    }

    [Fact]
    public async Task Perf_throughput_pair_reports_every_message()
    {
        await using var receiver = CliProcess.Start("perf", "thr-recv", "tcp://127.0.0.1:*", "20000", "32");
        var endpoint = await receiver.BoundEndpointAsync();
        Assert.Equal("READY", await receiver.ReadLineAsync());

        var sender = await CliProcess.RunAsync("perf", "thr-send", endpoint, "20000", "32");

        Assert.Equal(0, sender.Code);
        Assert.Equal(0, await receiver.WaitForExitAsync());
        using var json = JsonDocument.Parse(await receiver.ReadLineAsync());
        var root = json.RootElement;
        Assert.Equal("thr-recv", root.GetProperty("role").GetString());
        Assert.Equal(20000, root.GetProperty("count").GetInt64());
        Assert.Equal(32, root.GetProperty("size").GetInt32());
        Assert.True(root.GetProperty("seconds").GetDouble() > 0);
        var rate = root.GetProperty("msgs_per_sec").GetDouble();
        Assert.True(rate > 0);
        Assert.Equal(rate * 32 / 1e6, root.GetProperty("mb_per_sec").GetDouble(), 3);
    }

    [Fact]
    public async Task Perf_latency_pair_reports_round_trips()
    {
        await using var server = CliProcess.Start("perf", "lat-server", "tcp://127.0.0.1:*", "200", "64");
        var endpoint = await server.BoundEndpointAsync();
        Assert.Equal("READY", await server.ReadLineAsync());

        var client = await CliProcess.RunAsync("perf", "lat-client", endpoint, "200", "64");

        Assert.Equal(0, client.Code);
        Assert.Equal(0, await server.WaitForExitAsync());
        using var json = JsonDocument.Parse(client.Stdout.Trim());
        var root = json.RootElement;
        Assert.Equal("lat-client", root.GetProperty("role").GetString());
        Assert.Equal(200, root.GetProperty("count").GetInt64());
        Assert.Equal(64, root.GetProperty("size").GetInt32());
        var median = root.GetProperty("rtt_us_median").GetDouble();
        Assert.True(median > 0);
        Assert.True(root.GetProperty("rtt_us_p99").GetDouble() >= median);
        Assert.True(root.GetProperty("rtt_us_mean").GetDouble() > 0);
    }

    [Fact]
    public async Task Perf_pubsub_pair_reports_what_arrived()
    {
        await using var sender = CliProcess.Start("perf", "pubsub-send", "tcp://127.0.0.1:*", "5000", "16");
        var endpoint = await sender.BoundEndpointAsync();
        Assert.Equal("READY", await sender.ReadLineAsync());

        var receiver = await CliProcess.RunAsync("perf", "pubsub-recv", endpoint, "5000", "16");

        Assert.Equal(0, receiver.Code);
        using var json = JsonDocument.Parse(receiver.Stdout.Trim());
        var root = json.RootElement;
        Assert.Equal("pubsub-recv", root.GetProperty("role").GetString());
        var count = root.GetProperty("count").GetInt64();
        Assert.InRange(count, 1, 5000);
        Assert.Equal(16, root.GetProperty("size").GetInt32());

        // The sender stops once the subscriber has gone, well before its 20 s limit.
        Assert.Equal(0, await sender.WaitForExitAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public async Task Demo_runs_and_exits_0()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync("demo");

        Assert.True(code == 0, stderr);
        Assert.Contains("client 1 -> \"hello 1\" -> reply \"hello 1\"", stdout, StringComparison.Ordinal);
        Assert.Contains("subscriber \"weather\" <- \"weather", stdout, StringComparison.Ordinal);
        Assert.Contains("msgs/s", stdout, StringComparison.Ordinal);
    }

    private static int UnusedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
