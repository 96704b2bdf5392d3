using Zmtp.Sockets.Tests.Support;

namespace Zmtp.Sockets.Tests.Options;

/// <summary>SetOption/GetOption by libzmq name: every writable name round-trips, errors are ArgumentException.</summary>
public sealed class OptionNameTests
{
    /// <summary>Names that can be read but not set, and names that can be set but not read.</summary>
    private static readonly HashSet<string> ReadOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        "TYPE", "LAST_ENDPOINT", "EVENTS", "RCVMORE", "MECHANISM", "THREAD_SAFE",
    };

    private static readonly HashSet<string> WriteOnly = new(StringComparer.OrdinalIgnoreCase) { "SUBSCRIBE", "UNSUBSCRIBE" };

    /// <summary>A non-default value for each writable option, in the text form GetOption returns.</summary>
    private static readonly Dictionary<string, string> Samples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SNDHWM"] = "10",
        ["RCVHWM"] = "20",
        ["LINGER"] = "250",
        ["ROUTING_ID"] = "peer-1",
        ["IDENTITY"] = "peer-2",
        ["CONNECT_ROUTING_ID"] = "next",
        ["RECONNECT_IVL"] = "150",
        ["RECONNECT_IVL_MAX"] = "5000",
        ["MAXMSGSIZE"] = "1048576",
        ["SNDTIMEO"] = "1500",
        ["RCVTIMEO"] = "2500",
        ["HANDSHAKE_IVL"] = "12000",
        ["BACKLOG"] = "50",
        ["IPV6"] = "1",
        ["IMMEDIATE"] = "1",
        ["ROUTER_MANDATORY"] = "1",
        ["ROUTER_HANDOVER"] = "1",
        ["PROBE_ROUTER"] = "1",
        ["REQ_CORRELATE"] = "1",
        ["REQ_RELAXED"] = "1",
        ["XPUB_VERBOSE"] = "1",
        ["XPUB_VERBOSER"] = "1",
        ["XPUB_NODROP"] = "1",
        ["XPUB_MANUAL"] = "1",
        ["XPUB_WELCOME_MSG"] = "hello",
        ["ONLY_FIRST_SUBSCRIBE"] = "1",
        ["INVERT_MATCHING"] = "1",
        ["CONFLATE"] = "1",
        ["HEARTBEAT_IVL"] = "1000",
        ["HEARTBEAT_TTL"] = "3000",
        ["HEARTBEAT_TIMEOUT"] = "2000",
        ["SNDBUF"] = "65536",
        ["RCVBUF"] = "131072",
        ["CONNECT_TIMEOUT"] = "700",
        ["TCP_KEEPALIVE"] = "1",
        ["TCP_KEEPALIVE_CNT"] = "5",
        ["TCP_KEEPALIVE_IDLE"] = "60",
        ["TCP_KEEPALIVE_INTVL"] = "10",
        ["TOS"] = "16",
    };

    [Fact]
    public void Every_writable_option_round_trips_by_name()
    {
        using var context = new ZmtpContext();
        var writable = ZmtpSocket.OptionNames.Where(n => !ReadOnly.Contains(n) && !WriteOnly.Contains(n)).ToList();
        Assert.NotEmpty(writable);
        foreach (var name in writable)
        {
            using var socket = new DealerSocket(context).NoLinger();
            var before = socket.GetOption(name);

            // An option added after this test was written still has to accept its own value back.
            var value = Samples.GetValueOrDefault(name, before);
            if (Samples.ContainsKey(name))
            {
                Assert.NotEqual(value, before);
            }

            socket.SetOption(name, value);
            Assert.Equal(value, socket.GetOption(name));

            // libzmq's spelling with the prefix, in any case, names the same option.
            Assert.Equal(value, socket.GetOption("zmq_" + name.ToLowerInvariant()));
        }
    }

    [Fact]
    public void Every_name_the_socket_lists_except_write_only_ones_can_be_read()
    {
        using var context = new ZmtpContext();
        using var socket = new RouterSocket(context).NoLinger();
        foreach (var name in ZmtpSocket.OptionNames.Where(n => !WriteOnly.Contains(n)))
        {
            Assert.NotNull(socket.GetOption(name));
        }
    }

    [Fact]
    public void Named_options_change_the_typed_options()
    {
        using var socket = new DealerSocket().NoLinger();
        socket.SetOption("SNDHWM", "7");
        socket.SetOption("ZMQ_RCVTIMEO", "-1");
        socket.SetOption("sndtimeo", "250");
        socket.SetOption("ROUTING_ID", "0x4142");
        socket.SetOption("IMMEDIATE", "1");

        Assert.Equal(7, socket.Options.SendHighWatermark);
        Assert.Equal(Timeout.InfiniteTimeSpan, socket.Options.ReceiveTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), socket.Options.SendTimeout);
        Assert.Equal("AB"u8.ToArray(), socket.Options.RoutingId);
        Assert.True(socket.Options.Immediate);
        Assert.Equal("-1", socket.GetOption("RCVTIMEO"));
    }

    [Fact]
    public void Defaults_read_by_name_match_libzmq()
    {
        using var dealer = new DealerSocket().NoLinger();
        using var sub = new SubSocket();
        Assert.Equal("1000", dealer.GetOption("SNDHWM"));
        Assert.Equal("1000", dealer.GetOption("RCVHWM"));
        Assert.Equal("100", dealer.GetOption("RECONNECT_IVL"));
        Assert.Equal("0", dealer.GetOption("RECONNECT_IVL_MAX"));
        Assert.Equal("30000", dealer.GetOption("HANDSHAKE_IVL"));
        Assert.Equal("100", dealer.GetOption("BACKLOG"));
        Assert.Equal("-1", dealer.GetOption("RCVTIMEO"));
        Assert.Equal("-1", dealer.GetOption("SNDTIMEO"));
        Assert.Equal("-1", dealer.GetOption("MAXMSGSIZE"));
        Assert.Equal("0", dealer.GetOption("IMMEDIATE"));
        Assert.Equal("0", dealer.GetOption("HEARTBEAT_IVL"));
        Assert.Equal("-1", dealer.GetOption("HEARTBEAT_TIMEOUT"));
        Assert.Equal("0", sub.GetOption("LINGER"));
    }

    [Theory]
    [InlineData("NO_SUCH_OPTION")]
    [InlineData("ZMQ_NOPE")]
    [InlineData("")]
    public void Unknown_names_are_argument_errors(string name)
    {
        using var socket = new DealerSocket().NoLinger();
        Assert.Throws<ArgumentException>(() => socket.SetOption(name, "1"));
        Assert.Throws<ArgumentException>(() => socket.GetOption(name));
    }

    [Theory]
    [InlineData("SNDHWM", "abc")]
    [InlineData("SNDHWM", "-5")]
    [InlineData("RCVHWM", "1.5")]
    [InlineData("IMMEDIATE", "2")]
    [InlineData("IMMEDIATE", "yes")]
    [InlineData("LINGER", "-2")]
    [InlineData("SNDTIMEO", "soon")]
    [InlineData("ROUTING_ID", "0x00ab")]
    [InlineData("ROUTING_ID", "0xzz")]
    [InlineData("MAXMSGSIZE", "lots")]
    public void Bad_values_are_argument_errors(string name, string value)
    {
        using var socket = new DealerSocket().NoLinger();
        var before = socket.GetOption(name);
        Assert.Throws<ArgumentException>(() => socket.SetOption(name, value));
        Assert.Equal(before, socket.GetOption(name));
    }

    [Theory]
    [InlineData("TYPE")]
    [InlineData("LAST_ENDPOINT")]
    [InlineData("EVENTS")]
    [InlineData("RCVMORE")]
    [InlineData("MECHANISM")]
    [InlineData("THREAD_SAFE")]
    public void Read_only_options_cannot_be_set(string name)
    {
        using var socket = new DealerSocket().NoLinger();
        Assert.Throws<ArgumentException>(() => socket.SetOption(name, "1"));
    }

    [Fact]
    public async Task Read_only_values_report_the_socket()
    {
        await using var push = new PushSocket().NoLinger();
        await using var sub = new SubSocket();
        Assert.Equal("8", push.GetOption("TYPE"));
        Assert.Equal("2", sub.GetOption("ZMQ_TYPE"));
        Assert.Equal("0", push.GetOption("MECHANISM"));
        Assert.Equal(string.Empty, push.GetOption("LAST_ENDPOINT"));

        var bound = push.BindLocal();
        Assert.Equal(bound, push.GetOption("LAST_ENDPOINT"));
        Assert.DoesNotContain("*", bound);
        Assert.Equal(((int)PollEvents.None).ToString(), push.GetOption("EVENTS"));
        Assert.Equal("0", sub.GetOption("EVENTS"));
    }

    [Fact]
    public async Task Subscribe_by_name_applies_to_sub_and_is_refused_elsewhere()
    {
        await using var pub = new PubSocket().NoLinger();
        await using var sub = new SubSocket();
        sub.Connect(pub.BindLocal());
        sub.SetOption("SUBSCRIBE", "news");
        var received = await Wait.SendUntilReceivedAsync(() => pub.TrySend(Net.Msg("news!")), sub);
        Assert.Equal("news!", received.GetString(0));

        using var push = new PushSocket().NoLinger();
        Assert.Throws<ArgumentException>(() => push.SetOption("SUBSCRIBE", "x"));
        Assert.Throws<ArgumentException>(() => push.SetOption("UNSUBSCRIBE", "x"));
    }
}
