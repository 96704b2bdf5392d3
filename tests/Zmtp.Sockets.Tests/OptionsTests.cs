namespace Zmtp.Sockets.Tests;

/// <summary>Option defaults match libzmq (except the deliberately finite linger) and read back.</summary>
public sealed class OptionsTests
{
    [Theory]
    [InlineData(ZmtpSocketType.Pair, typeof(PairSocket))]
    [InlineData(ZmtpSocketType.Pub, typeof(PubSocket))]
    [InlineData(ZmtpSocketType.Sub, typeof(SubSocket))]
    [InlineData(ZmtpSocketType.Req, typeof(ReqSocket))]
    [InlineData(ZmtpSocketType.Rep, typeof(RepSocket))]
    [InlineData(ZmtpSocketType.Dealer, typeof(DealerSocket))]
    [InlineData(ZmtpSocketType.Router, typeof(RouterSocket))]
    [InlineData(ZmtpSocketType.Pull, typeof(PullSocket))]
    [InlineData(ZmtpSocketType.Push, typeof(PushSocket))]
    [InlineData(ZmtpSocketType.XPub, typeof(XPubSocket))]
    [InlineData(ZmtpSocketType.XSub, typeof(XSubSocket))]
    public async Task Defaults(ZmtpSocketType type, Type expected)
    {
        await using var socket = ZmtpSocket.Create(type);
        Assert.IsType(expected, socket);
        Assert.Equal(type, socket.SocketType);

        var options = socket.Options;
        Assert.Equal(1000, options.SendHighWatermark);
        Assert.Equal(1000, options.ReceiveHighWatermark);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.ReconnectInterval);
        Assert.Equal(TimeSpan.Zero, options.ReconnectIntervalMax);
        Assert.Equal(-1, options.MaxMessageSize);
        Assert.Equal(TimeSpan.FromSeconds(30), options.HandshakeInterval);
        Assert.Equal(Timeout.InfiniteTimeSpan, options.SendTimeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, options.ReceiveTimeout);
        Assert.Equal(100, options.Backlog);
        Assert.Null(options.RoutingId);
        Assert.False(options.Ipv6);
        Assert.False(options.Immediate);
        var linger = type is ZmtpSocketType.Sub or ZmtpSocketType.XSub ? TimeSpan.Zero : TimeSpan.FromSeconds(1);
        Assert.Equal(linger, options.Linger);
        Assert.Null(socket.LastEndpoint);
    }

    [Fact]
    public async Task Options_read_back_what_was_set()
    {
        await using var socket = new DealerSocket();
        var options = socket.Options;
        options.SendHighWatermark = 7;
        options.ReceiveHighWatermark = 0;
        options.Linger = TimeSpan.FromMilliseconds(250);
        options.RoutingId = "id"u8.ToArray();
        options.MaxMessageSize = 4096;
        options.ReceiveTimeout = TimeSpan.FromSeconds(2);

        Assert.Equal(7, options.SendHighWatermark);
        Assert.Equal(0, options.ReceiveHighWatermark);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Linger);
        Assert.Equal("id"u8.ToArray(), options.RoutingId);
        Assert.Equal(4096, options.MaxMessageSize);
        Assert.Equal(TimeSpan.FromSeconds(2), options.ReceiveTimeout);
    }

    [Fact]
    public async Task Invalid_option_values_are_rejected()
    {
        await using var socket = new DealerSocket();
        Assert.Throws<ArgumentOutOfRangeException>(() => socket.Options.SendHighWatermark = -1);
        Assert.Throws<ArgumentException>(() => socket.Options.RoutingId = [0, 1]);
        Assert.Throws<ArgumentException>(() => socket.Options.RoutingId = []);
    }
}
