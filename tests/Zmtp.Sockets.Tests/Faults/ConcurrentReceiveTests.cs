using Zmtp.Sockets.Tests.Support;

namespace Zmtp.Sockets.Tests.Faults;

/// <summary>Several receivers on one socket: a wake-up that finds the message already taken waits again.</summary>
public sealed class ConcurrentReceiveTests
{
    private const int Senders = 8;
    private const int PerSender = 2000;
    private const int Receivers = 2;

    [Theory]
    [InlineData("tcp")]
    [InlineData("inproc")]
    public async Task Two_receivers_on_one_socket_share_every_message_and_never_see_it_closed(string transport)
    {
        // Issue 9, item 6: one receiver woken for a message the other had just taken read "nothing pending"
        // as "closed" and failed with ObjectDisposedException on an open socket. Repeated, as the window is
        // narrow; each round must deliver every message exactly once.
        for (var round = 0; round < 12; round++)
        {
            await using var test = TransportCase.Create(transport);
            var pull = test.Open(c => new PullSocket(c));
            var push = test.Open(c => new PushSocket(c));
            push.Connect(test.Bind(pull));

            var total = Senders * PerSender;
            var seen = new int[total];
            var received = 0;
            async Task ReceiveAsync()
            {
                while (true)
                {
                    using var message = await pull.ReceiveAsync();
                    var value = BitConverter.ToInt32(message.First.Span);
                    if (value < 0)
                    {
                        return;
                    }

                    Interlocked.Increment(ref seen[value]);
                    Interlocked.Increment(ref received);
                }
            }

            var receivers = Enumerable.Range(0, Receivers).Select(_ => Task.Run(ReceiveAsync)).ToArray();
            var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
            {
                for (var i = 0; i < PerSender; i++)
                {
                    await push.SendAsync(BitConverter.GetBytes((sender * PerSender) + i));
                }
            })).ToArray();

            await Task.WhenAll(senders).Within();
            for (var i = 0; i < Receivers; i++)
            {
                await push.SendAsync(BitConverter.GetBytes(-1)).Within();
            }

            await Task.WhenAll(receivers).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(total, received);
            Assert.All(seen, count => Assert.Equal(1, count));
        }
    }
}
