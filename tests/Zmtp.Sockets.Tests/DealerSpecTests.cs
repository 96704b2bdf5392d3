using Zmtp.Sockets.Tests.Support;

namespace Zmtp.Sockets.Tests;

/// <summary>libzmq test_spec_dealer item 8: a DEALER fair-queues what its peers send.</summary>
public sealed class DealerSpecTests
{
    [Theory]
    [InlineData("tcp")]
    [InlineData("inproc")]
    public async Task Dealer_fair_queues_its_senders(string transport)
    {
        await using var setup = TransportCase.Create(transport);
        var receiver = setup.Open(c => new DealerSocket(c));
        var endpoint = setup.Bind(receiver);
        var senders = new DealerSocket[5];
        for (var i = 0; i < senders.Length; i++)
        {
            senders[i] = setup.Open(c => new DealerSocket(c));
            senders[i].Options.RoutingId = [(byte)('a' + i)];
            senders[i].Connect(endpoint);
        }

        // Sender 0 sends "A" twice: both arrive.
        await senders[0].SendAsync("A").Within();
        await senders[0].SendAsync("A").Within();
        Assert.Equal("A", (await receiver.ReceiveAsync().Within()).GetString(0));
        Assert.Equal("A", (await receiver.ReceiveAsync().Within()).GetString(0));

        // Every sender sends "B": the receiver gets five, one from each.
        foreach (var sender in senders)
        {
            await sender.SendAsync("B").Within();
        }

        var from = new HashSet<string>();
        for (var i = 0; i < senders.Length; i++)
        {
            using var message = await receiver.ReceiveAsync().Within();
            Assert.Equal("B", message.GetString(0));
            from.Add(message.GetProperty("Identity") ?? "?");
        }

        Assert.Equal(5, from.Count);
    }
}
