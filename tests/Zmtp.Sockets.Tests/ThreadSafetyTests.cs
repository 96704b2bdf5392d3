using System.Buffers.Binary;
using Zmtp.Sockets.Tests.Support;

namespace Zmtp.Sockets.Tests;

/// <summary>One socket shared by concurrent senders.</summary>
public sealed class ThreadSafetyTests
{
    private const int Senders = 4;
    private const int PerSender = 1000;

    [Fact]
    public async Task Concurrent_senders_lose_nothing_and_keep_their_order()
    {
        await using var pull = new PullSocket().NoLinger();
        await using var push = new PushSocket().NoLinger();
        push.Connect(pull.BindLocal());

        var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                var sequence = new byte[4];
                BinaryPrimitives.WriteInt32BigEndian(sequence, i);
                await push.SendAsync(new Message(new[] { (byte)sender }, sequence));
            }
        })).ToArray();

        var next = new int[Senders];
        for (var n = 0; n < Senders * PerSender; n++)
        {
            var message = await pull.ReceiveAsync().Within();
            Assert.Equal(2, message.Count);
            var sender = message[0].Span[0];
            Assert.Equal(next[sender], BinaryPrimitives.ReadInt32BigEndian(message[1].Span));
            next[sender]++;
        }

        await Task.WhenAll(senders).Within();
        Assert.All(next, count => Assert.Equal(PerSender, count));
        Assert.Null(await pull.ReceiveOrNullAsync(Wait.Quiet));
    }

    [Fact]
    public async Task Concurrent_blocking_and_async_senders_with_a_small_high_watermark()
    {
        await using var pull = new PullSocket().NoLinger();
        await using var push = new PushSocket().NoLinger();
        push.Options.SendHighWatermark = 2;
        push.Connect(pull.BindLocal());

        var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            for (var i = 0; i < 250; i++)
            {
                var message = new Message(new[] { (byte)sender }, BitConverter.GetBytes(i));
                if (sender % 2 == 0)
                {
                    await push.SendAsync(message);
                }
                else
                {
                    push.Send(message, Wait.Limit);
                }
            }
        })).ToArray();

        var next = new int[Senders];
        for (var n = 0; n < Senders * 250; n++)
        {
            var message = await pull.ReceiveAsync().Within();
            var sender = message[0].Span[0];
            Assert.Equal(next[sender], BitConverter.ToInt32(message[1].Span));
            next[sender]++;
        }

        await Task.WhenAll(senders).Within();
    }
}
