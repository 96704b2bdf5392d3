using System.Buffers.Binary;
using Zmtp.Sockets.Tests.Support;

namespace Zmtp.Sockets.Tests;

/// <summary>SNDHWM/RCVHWM back-pressure: a PUSH blocks (never drops) while its PULL does not read.</summary>
public sealed class HighWatermarkTests
{
    /// <summary>Large enough that the kernel's loopback buffers fill after a few dozen messages.</summary>
    private const int Size = 64 * 1024;

    [Fact]
    public async Task Push_blocks_at_high_watermark_and_resumes_without_loss()
    {
        await using var pull = new PullSocket().NoLinger();
        pull.Options.ReceiveHighWatermark = 4;
        await using var push = new PushSocket().NoLinger();
        push.Options.SendHighWatermark = 4;
        push.Connect(pull.BindLocal());

        // Fill: queue, TCP buffers and the PULL's receive queue, until a send cannot proceed.
        var sent = 0;
        var blocked = false;
        while (sent < 5000 && !blocked)
        {
            try
            {
                push.Send(Numbered(sent), TimeSpan.FromMilliseconds(500));
                sent++;
            }
            catch (TimeoutException)
            {
                blocked = true;
            }
        }

        Assert.True(blocked, $"{sent} messages of {Size} bytes were all accepted: SNDHWM never pushed back.");
        Assert.False(push.TrySend(Numbered(sent)), "TrySend must report a full PUSH.");

        // Reading frees room: a blocked send completes, and everything arrives once, in order.
        var pending = push.SendAsync(Numbered(sent));
        for (var i = 0; i < sent; i++)
        {
            Assert.Equal(i, Number(await pull.ReceiveAsync().Within()));
        }

        await pending.Within();
        sent++;
        for (var i = sent; i < sent + 10; i++)
        {
            await push.SendAsync(Numbered(i)).Within();
        }

        for (var i = sent - 1; i < sent + 10; i++)
        {
            Assert.Equal(i, Number(await pull.ReceiveAsync().Within()));
        }

        Assert.Null(await pull.ReceiveOrNullAsync(Wait.Quiet));
    }

    private static Message Numbered(int n)
    {
        var body = new byte[Size];
        BinaryPrimitives.WriteInt32BigEndian(body, n);
        return new Message(body);
    }

    private static int Number(Message message)
    {
        Assert.Equal(Size, message[0].Length);
        return BinaryPrimitives.ReadInt32BigEndian(message[0].Span);
    }
}
