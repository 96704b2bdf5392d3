using Zmtp.Sockets.Tests.Support;

namespace Zmtp.Sockets.Tests;

/// <summary>Connection properties on received messages (libzmq test_metadata, checklist item 34).</summary>
public sealed class MessagePropertyTests
{
    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Received_messages_carry_the_peers_handshake_properties(string transport)
    {
        await using var setup = TransportCase.Create(transport);
        var router = setup.Open(c => new RouterSocket(c));
        var dealer = setup.Open(c => new DealerSocket(c));
        dealer.Options.RoutingId = "dd"u8.ToArray();
        var endpoint = setup.Bind(router);
        dealer.Connect(endpoint);

        await dealer.SendAsync("hello").Within();
        using var message = await router.ReceiveAsync().Within();

        Assert.Equal("DEALER", message.GetProperty("Socket-Type"));
        Assert.Equal("dd", message.GetProperty("Identity"));
        Assert.Null(message.GetProperty("socket-type")); // libzmq looks names up case-sensitively
        if (transport == "tcp")
        {
            Assert.Equal("127.0.0.1", message.GetProperty("Peer-Address"));
        }
    }

    [Fact]
    public void A_message_built_locally_has_no_properties()
    {
        using var message = Message.FromStrings("x");
        Assert.Null(message.Properties);
        Assert.Null(message.GetProperty("Socket-Type"));
    }
}
