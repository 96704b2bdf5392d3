using System.Text.RegularExpressions;

namespace Zmtp.Cli.Tests;

/// <summary>recv, send and echo with every kind of socket, --identity and --option, as child processes.</summary>
public sealed partial class SocketTypeProcessTests
{
    private const string Wait = "20000";

    [Fact]
    public async Task Recv_dealer_prints_the_frames_as_they_are()
    {
        await using var recv = CliProcess.Start("recv", "DEALER", "@tcp://127.0.0.1:*", "-n", "1");
        var endpoint = await recv.BoundEndpointAsync();

        Assert.Equal(0, (await CliProcess.RunAsync("send", "DEALER", endpoint, "--timeout", Wait, "", "hello")).Code);

        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Equal("\thello\n", recv.Stdout);
    }

    [Fact]
    public async Task Recv_router_prints_a_generated_routing_id_first_as_hex()
    {
        await using var recv = CliProcess.Start("recv", "ROUTER", "@tcp://127.0.0.1:*", "-n", "1");
        var endpoint = await recv.BoundEndpointAsync();

        Assert.Equal(0, (await CliProcess.RunAsync("send", "DEALER", endpoint, "--timeout", Wait, "hello")).Code);

        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Matches(GeneratedIdLine(), recv.Stdout);
    }

    [Fact]
    public async Task Recv_router_prints_the_identity_a_peer_gave_with_identity()
    {
        await using var recv = CliProcess.Start("recv", "ROUTER", "@tcp://127.0.0.1:*", "-n", "1");
        var endpoint = await recv.BoundEndpointAsync();

        Assert.Equal(0, (await CliProcess.RunAsync("send", "DEALER", endpoint, "--identity", "alice", "--timeout", Wait, "hello")).Code);

        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Equal("alice\thello\n", recv.Stdout);
    }

    [Fact]
    public async Task Routing_id_option_names_the_peer_too()
    {
        await using var recv = CliProcess.Start("recv", "ROUTER", "@tcp://127.0.0.1:*", "-n", "1");
        var endpoint = await recv.BoundEndpointAsync();

        Assert.Equal(0, (await CliProcess.RunAsync("send", "DEALER", endpoint, "--option", "ROUTING_ID=0xabcd", "--timeout", Wait, "hi")).Code);

        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Equal("0xabcd\thi\n", recv.Stdout);
    }

    [Fact]
    public async Task Recv_pair_prints_what_a_pair_sends()
    {
        await using var recv = CliProcess.Start("recv", "pair", "@tcp://127.0.0.1:*", "-n", "1");
        var endpoint = await recv.BoundEndpointAsync();

        Assert.Equal(0, (await CliProcess.RunAsync("send", "PAIR", endpoint, "--timeout", Wait, "one", "two")).Code);

        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Equal("one\ttwo\n", recv.Stdout);
    }

    [Fact]
    public async Task Recv_xpub_prints_the_subscription_an_xsub_sends_as_hex()
    {
        await using var recv = CliProcess.Start("recv", "XPUB", "@tcp://127.0.0.1:*", "-n", "1");
        var endpoint = await recv.BoundEndpointAsync();

        // 0x01 'A': subscribe to "A", sent as given.
        Assert.Equal(0, (await CliProcess.RunAsync("send", "XSUB", endpoint, "--timeout", Wait, "0x0141")).Code);

        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Equal("0x0141\n", recv.Stdout);
    }

    [Fact]
    public async Task Recv_xpub_prints_a_sub_subscription_and_its_unsubscription()
    {
        await using var recv = CliProcess.Start("recv", "XPUB", "@tcp://127.0.0.1:*", "-n", "2");
        var endpoint = await recv.BoundEndpointAsync();

        // The SUB subscribes to "ab" and, closing when its --timeout passes, unsubscribes (as XPUB reports a
        // subscriber leaving).
        var sub = await CliProcess.RunAsync("recv", "SUB", endpoint, "--subscribe", "ab", "--timeout", "1000");

        Assert.Equal(1, sub.Code);
        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Equal("0x016162\n0x006162\n", recv.Stdout);
    }

    [Fact]
    public async Task Recv_xsub_subscribes_to_everything_and_prints_what_an_xpub_publishes()
    {
        await using var recv = CliProcess.Start("recv", "XSUB", "@tcp://127.0.0.1:*", "-n", "1");
        var endpoint = await recv.BoundEndpointAsync();

        // The publisher drops messages until the subscription has arrived, so it keeps publishing.
        await using var publisher = CliProcess.Start("send", "XPUB", endpoint, "-n", "1000", "--interval", "50", "news", "0x00");

        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Equal("news\t0x00\n", recv.Stdout);
    }

    [Fact]
    public async Task Send_router_reaches_the_peer_named_by_its_identity()
    {
        await using var recv = CliProcess.Start("recv", "DEALER", "@tcp://127.0.0.1:*", "--identity", "peer1", "-n", "1");
        var endpoint = await recv.BoundEndpointAsync();

        var send = await CliProcess.RunAsync("send", "ROUTER", endpoint, "--timeout", Wait, "peer1", "hello", "world");

        Assert.Equal(0, send.Code);
        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Equal("hello\tworld\n", recv.Stdout);
    }

    [Fact]
    public async Task Send_router_waits_for_the_named_peer_to_connect()
    {
        await using var send = CliProcess.Start("send", "ROUTER", "@tcp://127.0.0.1:*", "--timeout", Wait, "0x626f62", "late");
        var endpoint = await send.BoundEndpointAsync();

        // A peer with another id connects first; the message waits for "bob".
        await using var other = CliProcess.Start("recv", "DEALER", endpoint, "--identity", "carol", "--timeout", "3000");
        await using var bob = CliProcess.Start("recv", "DEALER", endpoint, "--identity", "bob", "-n", "1");

        Assert.Equal(0, await bob.WaitForExitAsync());
        Assert.Equal("late\n", bob.Stdout);
        Assert.Equal(0, await send.WaitForExitAsync());
        Assert.Equal(1, await other.WaitForExitAsync());
        Assert.Equal(string.Empty, other.Stdout);
    }

    [Fact]
    public async Task Send_router_to_an_unknown_identity_times_out_with_exit_1()
    {
        await using var recv = CliProcess.Start("recv", "DEALER", "@tcp://127.0.0.1:*", "--identity", "someone");
        var endpoint = await recv.BoundEndpointAsync();

        var (code, stdout, stderr) = await CliProcess.RunAsync("send", "ROUTER", endpoint, "--timeout", "1000", "nobody", "hello");

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("no peer took the message within 1000 ms", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Echo_dealer_sends_the_frames_back_as_they_came()
    {
        // RFC 28 pairs REQ only with REP and ROUTER, so the DEALER's peer here is a DEALER too.
        await using var echo = CliProcess.Start("echo", "DEALER", "@tcp://127.0.0.1:*", "-n", "1");
        var endpoint = await echo.BoundEndpointAsync();

        await using var dealer = new DealerSocket();
        dealer.Connect(endpoint);
        using var timeout = new CancellationTokenSource(CliProcess.DefaultTimeout);
        await dealer.SendAsync(new Message(ReadOnlyMemory<byte>.Empty, "ping"u8.ToArray(), new byte[] { 1 }), timeout.Token);
        using var reply = await dealer.ReceiveAsync(timeout.Token);

        Assert.Equal([[], "ping"u8.ToArray(), [1]], reply.ToArrays());
        Assert.Equal(0, await echo.WaitForExitAsync());
        Assert.Equal("\tping\t0x01\n", echo.Stdout);
    }

    [Fact]
    public async Task Echo_pair_sends_each_message_back()
    {
        await using var echo = CliProcess.Start("echo", "PAIR", "@tcp://127.0.0.1:*", "-n", "2");
        var endpoint = await echo.BoundEndpointAsync();

        await using var pair = new PairSocket();
        pair.Connect(endpoint);
        using var timeout = new CancellationTokenSource(CliProcess.DefaultTimeout);
        foreach (var text in new[] { "first", "second" })
        {
            await pair.SendAsync(Message.FromStrings(text, ""), timeout.Token);
            using var reply = await pair.ReceiveAsync(timeout.Token);
            Assert.Equal([text, ""], Enumerable.Range(0, reply.Count).Select(reply.GetString));
        }

        Assert.Equal(0, await echo.WaitForExitAsync());
        Assert.Equal("first\t\nsecond\t\n", echo.Stdout);
    }

    [Fact]
    public async Task Echo_router_answers_each_dealer_by_its_routing_id()
    {
        await using var echo = CliProcess.Start("echo", "ROUTER", "@tcp://127.0.0.1:*", "-n", "2");
        var endpoint = await echo.BoundEndpointAsync();

        await using var anna = new DealerSocket();
        anna.Options.RoutingId = "anna"u8.ToArray();
        anna.Connect(endpoint);
        await using var ben = new DealerSocket();
        ben.Options.RoutingId = "ben"u8.ToArray();
        ben.Connect(endpoint);
        using var timeout = new CancellationTokenSource(CliProcess.DefaultTimeout);

        await anna.SendAsync(Message.FromStrings("for anna"), timeout.Token);
        await ben.SendAsync(Message.FromStrings("for ben"), timeout.Token);

        using (var reply = await anna.ReceiveAsync(timeout.Token))
        {
            Assert.Equal("for anna", Assert.Single(reply.ToArrays().Select(f => System.Text.Encoding.UTF8.GetString(f))));
        }

        using (var reply = await ben.ReceiveAsync(timeout.Token))
        {
            Assert.Equal("for ben", Assert.Single(reply.ToArrays().Select(f => System.Text.Encoding.UTF8.GetString(f))));
        }

        Assert.Equal(0, await echo.WaitForExitAsync());
        Assert.Equal(["anna\tfor anna", "ben\tfor ben"], echo.Stdout.TrimEnd('\n').Split('\n').Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sndhwm_option_is_accepted()
    {
        await using var recv = CliProcess.Start("recv", "PULL", "@tcp://127.0.0.1:*", "-n", "1", "--option", "RCVHWM=5");
        var endpoint = await recv.BoundEndpointAsync();

        var send = await CliProcess.RunAsync("send", "PUSH", endpoint, "--option", "SNDHWM=10", "--option=LINGER=5000", "--timeout", Wait, "hi");

        Assert.True(send.Code == 0, send.Stderr);
        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Equal("hi\n", recv.Stdout);
    }

    [Fact]
    public async Task Maxmsgsize_option_takes_effect()
    {
        // A peer sending more than MAXMSGSIZE bytes is disconnected and its message dropped. (As in libzmq
        // the limit covers the handshake's READY command too, so it must not be tiny.)
        await using var recv = CliProcess.Start("recv", "PULL", "@tcp://127.0.0.1:*", "-n", "1", "--option", "MAXMSGSIZE=64");
        var endpoint = await recv.BoundEndpointAsync();

        Assert.Equal(0, (await CliProcess.RunAsync("send", "PUSH", endpoint, "--timeout", Wait, new string('x', 100))).Code);
        Assert.Equal(0, (await CliProcess.RunAsync("send", "PUSH", endpoint, "--timeout", Wait, "ok")).Code);

        Assert.Equal(0, await recv.WaitForExitAsync());
        Assert.Equal("ok\n", recv.Stdout);
    }

    [Theory]
    [InlineData("--option", "FOO=1", "zmtp: --option FOO=1: Unknown option 'FOO'.")]
    [InlineData("--option", "SNDHWM=abc", "zmtp: --option SNDHWM=abc: Invalid value 'abc' for option SNDHWM")]
    [InlineData("--option", "SNDHWM", "zmtp: recv: invalid --option 'SNDHWM' (expected NAME=VALUE")]
    [InlineData("--identity", "0x00ab", "zmtp: --identity 0x00ab: Invalid value '0x00ab' for option ROUTING_ID")]
    public async Task Bad_socket_options_exit_2_before_binding(string option, string value, string expected)
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync("recv", "PULL", "@tcp://127.0.0.1:*", option, value);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\A0x00[0-9a-f]{8}\thello\n\z")]
    private static partial Regex GeneratedIdLine();
}
