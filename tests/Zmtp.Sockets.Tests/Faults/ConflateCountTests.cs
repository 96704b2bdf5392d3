using Zmtp.Sockets.Tests.Support;

namespace Zmtp.Sockets.Tests.Faults;

/// <summary>CONFLATE keeps one message, and readiness says so.</summary>
public sealed class ConflateCountTests
{
    [Theory]
    [InlineData("tcp")]
    [InlineData("inproc")]
    public async Task Replaced_messages_are_not_counted_as_waiting(string transport)
    {
        // Issue 9 (read in the code): each replacement left the pending count one higher, so Events
        // reported a message that was not there.
        await using var test = TransportCase.Create(transport);
        var pull = test.Open(c => new PullSocket(c));
        pull.Options.Conflate = true;
        var push = test.Open(c => new PushSocket(c));
        push.Connect(test.Bind(pull));
        for (var i = 0; i < 10; i++)
        {
            await push.SendAsync($"m{i}").Within();
        }

        // Whatever was replaced, the last one arrives.
        while (true)
        {
            using var message = await pull.ReceiveAsync().Within();
            if (message.GetString(0) == "m9")
            {
                break;
            }
        }

        Assert.Equal(PollEvents.None, pull.Events & PollEvents.In);
        Assert.False(pull.TryReceive(out Message? extra), $"unexpected {extra}");
    }
}
