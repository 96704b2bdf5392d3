using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>inproc specifics: bind/connect order, unbind and rebind, no aliasing, large messages, types.</summary>
public sealed class InprocTests
{
    [Fact]
    public async Task Messages_sent_before_the_bind_are_delivered_after_it()
    {
        await using var context = new ZmtpContext();
        var endpoint = Fresh();
        var push = new PushSocket(context).NoLinger();
        push.Connect(endpoint);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(push.TrySend(Msg($"early{i}")), "A connected endpoint queues before the bind.");
        }

        var pull = new PullSocket(context).NoLinger();
        pull.Bind(endpoint);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal($"early{i}", await pull.ReceiveStringAsync().Within());
        }
    }

    [Fact]
    public async Task Unbind_frees_the_name_and_a_new_binding_takes_over_connected_peers()
    {
        await using var context = new ZmtpContext();
        var endpoint = Fresh();
        var first = new PullSocket(context).NoLinger();
        first.Bind(endpoint);
        var push = new PushSocket(context).NoLinger();
        push.Connect(endpoint);
        await push.SendAsync("to first").Within();
        Assert.Equal("to first", await first.ReceiveStringAsync().Within());

        first.Unbind(endpoint);
        var second = new PullSocket(context).NoLinger();
        second.Bind(endpoint);
        await push.SendAsync("to second").Within();
        Assert.Equal("to second", await second.ReceiveStringAsync().Within());
        Assert.Null(await first.ReceiveOrNullAsync(Wait.Quiet));
    }

    [Fact]
    public async Task The_same_socket_can_rebind_after_unbind()
    {
        await using var context = new ZmtpContext();
        var endpoint = Fresh();
        var pull = new PullSocket(context).NoLinger();
        Assert.Equal(endpoint, pull.Bind(endpoint));
        pull.Unbind(endpoint);
        Assert.Equal(endpoint, pull.Bind(endpoint));
        Assert.Equal(ZmtpError.EndpointNotFound, Assert.Throws<ZmtpException>(() => pull.Unbind(Fresh())).Error);
    }

    [Fact]
    public async Task Received_message_is_a_different_object_with_equal_content()
    {
        await using var context = new ZmtpContext();
        var endpoint = Fresh();
        var pair = new PairSocket(context).NoLinger();
        pair.Bind(endpoint);
        var other = new PairSocket(context).NoLinger();
        other.Connect(endpoint);

        var sent = Msg("alpha", "beta", "");
        await other.SendAsync(sent).Within();
        var received = await pair.ReceiveAsync().Within();
        Assert.NotSame(sent, received);
        Assert.Equal(["alpha", "beta", ""], received.Text());

        // Changing what was received does not change what was sent, and the reverse.
        received.RemoveFirst();
        received.Add("gamma");
        Assert.Equal(["alpha", "beta", ""], sent.Text());
        sent.Add("delta");
        Assert.Equal(["beta", "", "gamma"], received.Text());
    }

    [Fact]
    public async Task Each_subscriber_gets_its_own_message_object()
    {
        await using var context = new ZmtpContext();
        var endpoint = Fresh();
        var pub = new PubSocket(context).NoLinger();
        pub.Bind(endpoint);
        var sub1 = new SubSocket(context);
        var sub2 = new SubSocket(context);
        sub1.Subscribe("");
        sub2.Subscribe("");
        sub1.Connect(endpoint);
        sub2.Connect(endpoint);
        await Wait.SendUntilReceivedAsync(() => pub.TrySend(Msg("W")), sub1);
        await Wait.SendUntilReceivedAsync(() => pub.TrySend(Msg("W")), sub2);

        await pub.SendAsync(Msg("news", "body")).Within();
        var one = await sub1.ReceiveSkippingAsync("W");
        var two = await sub2.ReceiveSkippingAsync("W");
        Assert.NotSame(one, two);
        one.RemoveFirst();
        Assert.Equal(["news", "body"], two.Text());
    }

    [Fact]
    public async Task One_mebibyte_message_arrives_intact()
    {
        await using var context = new ZmtpContext();
        var endpoint = Fresh();
        var pull = new PullSocket(context).NoLinger();
        pull.Bind(endpoint);
        var push = new PushSocket(context).NoLinger();
        push.Connect(endpoint);

        var body = new byte[1024 * 1024];
        Random.Shared.NextBytes(body);
        await push.SendAsync(new Message(body, "tail"u8.ToArray())).Within();
        var received = await pull.ReceiveAsync().Within();
        Assert.Equal(2, received.Count);
        Assert.True(received[0].Span.SequenceEqual(body), "The 1 MiB frame changed on the way.");
        Assert.Equal("tail", received.GetString(1));
    }

    [Theory]
    [InlineData(ZmtpSocketType.Push, ZmtpSocketType.Pair)]
    [InlineData(ZmtpSocketType.Dealer, ZmtpSocketType.Pull)]
    [InlineData(ZmtpSocketType.Pair, ZmtpSocketType.Dealer)]
    [InlineData(ZmtpSocketType.Req, ZmtpSocketType.Router)]
    public async Task Incompatible_types_deliver_nothing(ZmtpSocketType sender, ZmtpSocketType receiver)
    {
        // Req/Router is compatible: it is the control case proving the setup delivers when allowed.
        var compatible = sender == ZmtpSocketType.Req;
        await using var context = new ZmtpContext();
        var endpoint = Fresh();
        var bound = context.CreateSocket(receiver).NoLinger();
        bound.Bind(endpoint);
        var connecting = context.CreateSocket(sender).NoLinger();
        connecting.Connect(endpoint);

        await connecting.SendAsync("hello").Within();
        var received = await bound.ReceiveOrNullAsync(compatible ? Wait.Limit : Wait.Quiet);
        if (compatible)
        {
            Assert.NotNull(received);
            Assert.Equal("hello", received.GetString(received.Count - 1));
        }
        else
        {
            Assert.Null(received);
        }
    }

    [Fact]
    public async Task Incompatible_types_do_not_deliver_in_the_other_direction_either()
    {
        await using var context = new ZmtpContext();
        var endpoint = Fresh();
        var pair = new PairSocket(context).NoLinger();
        pair.Bind(endpoint);
        var dealer = new DealerSocket(context).NoLinger();
        dealer.Connect(endpoint);

        // The PAIR has no peer at all: its send cannot proceed.
        Assert.False(pair.TrySend(Msg("to dealer")));
        Assert.Null(await dealer.ReceiveOrNullAsync(Wait.Quiet));
    }

    private static string Fresh() => $"inproc://zmtp-test-{Guid.NewGuid():N}";
}
