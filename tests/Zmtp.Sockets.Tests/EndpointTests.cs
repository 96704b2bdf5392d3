using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>Bind, connect, unbind and disconnect, and their errors.</summary>
public sealed class EndpointTests
{
    [Fact]
    public async Task Bind_resolves_the_wildcard_port()
    {
        await using var pull = new PullSocket().NoLinger();
        var endpoint = pull.BindLocal();

        Assert.StartsWith("tcp://127.0.0.1:", endpoint, StringComparison.Ordinal);
        var port = int.Parse(endpoint["tcp://127.0.0.1:".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(port, 1, 65535);
        Assert.Equal(endpoint, pull.LastEndpoint);
    }

    [Fact]
    public async Task Binding_a_port_twice_is_address_in_use()
    {
        await using var first = new PullSocket().NoLinger();
        await using var second = new PullSocket().NoLinger();
        var endpoint = first.BindLocal();

        var error = Assert.Throws<ZmtpException>(() => second.Bind(endpoint));
        Assert.Equal(ZmtpError.AddressInUse, error.Error);

        // The same socket cannot bind it twice either.
        Assert.Equal(ZmtpError.AddressInUse, Assert.Throws<ZmtpException>(() => first.Bind(endpoint)).Error);
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("tcp://127.0.0.1")]
    [InlineData("tcp://127.0.0.1:notaport")]
    [InlineData("tcp://127.0.0.1:70000")]
    [InlineData("")]
    public async Task Invalid_endpoints_are_rejected(string endpoint)
    {
        await using var socket = new PullSocket().NoLinger();
        Assert.Equal(ZmtpError.InvalidEndpoint, Assert.Throws<ZmtpException>(() => socket.Bind(endpoint)).Error);
        Assert.Equal(ZmtpError.InvalidEndpoint, Assert.Throws<ZmtpException>(() => socket.Connect(endpoint)).Error);
    }

    [Fact]
    public async Task Nothing_is_delivered_through_an_unbound_endpoint()
    {
        await using var pull = new PullSocket().NoLinger();
        var endpoint = pull.BindLocal();
        pull.Unbind(endpoint);

        await using var push = new PushSocket().NoLinger();
        push.Connect(endpoint);
        await push.SendAsync("after unbind").Within();
        Assert.Null(await pull.ReceiveOrNullAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Unbind_accepts_the_endpoint_as_given_and_bind_works_again()
    {
        await using var pull = new PullSocket().NoLinger();
        var first = pull.Bind(AnyPort);
        pull.Unbind(AnyPort);
        Assert.Throws<ZmtpException>(() => pull.Unbind(first));

        var second = pull.BindLocal();
        await using var push = new PushSocket().NoLinger();
        push.Connect(second);
        await push.SendAsync("works").Within();
        Assert.Equal("works", await pull.ReceiveStringAsync().Within());
    }

    [Fact]
    public async Task Disconnect_removes_the_peer()
    {
        await using var pull = new PullSocket().NoLinger();
        var endpoint = pull.BindLocal();
        await using var push = new PushSocket().NoLinger();
        push.Connect(endpoint);
        await push.SendAsync("before").Within();
        Assert.Equal("before", await pull.ReceiveStringAsync().Within());

        push.Disconnect(endpoint);

        // No peer is left: a PUSH cannot send.
        Assert.False(push.TrySend(Msg("after")));
        Assert.Null(await pull.ReceiveOrNullAsync(Wait.Quiet));
        Assert.Throws<ZmtpException>(() => push.Disconnect(endpoint));
    }

    [Fact]
    public async Task Disconnect_one_of_two_endpoints_sends_to_the_other()
    {
        await using var pull1 = new PullSocket().NoLinger();
        await using var pull2 = new PullSocket().NoLinger();
        var endpoint1 = pull1.BindLocal();
        var endpoint2 = pull2.BindLocal();
        await using var push = new PushSocket().NoLinger();
        push.Connect(endpoint1);
        push.Connect(endpoint2);
        Assert.Equal(endpoint2, push.LastEndpoint);

        push.Disconnect(endpoint1);
        for (var i = 0; i < 4; i++)
        {
            await push.SendAsync($"m{i}").Within();
        }

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal($"m{i}", await pull2.ReceiveStringAsync().Within());
        }

        Assert.Null(await pull1.ReceiveOrNullAsync(Wait.Quiet));
    }
}
