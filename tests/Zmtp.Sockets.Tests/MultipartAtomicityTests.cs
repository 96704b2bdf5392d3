using Zmtp.Sockets.Tests.Support;

namespace Zmtp.Sockets.Tests;

/// <summary>libzmq test_spec_pushpull "multipart atomic drop" (checklist item 17): a receiver that drops and
/// remakes its connection while large multipart messages are in flight never sees a partial message.</summary>
public sealed class MultipartAtomicityTests
{
    private const int BigFrame = 16 * 1024 * 1024;

    [Fact]
    public async Task A_reconnecting_pull_never_receives_part_of_a_message()
    {
        await using var push = new PushSocket();
        push.Options.SendHighWatermark = 1;
        push.Options.Linger = TimeSpan.Zero;
        var endpoint = push.Bind("tcp://127.0.0.1:*");
        await using var pull = new PullSocket();
        pull.Options.ReceiveHighWatermark = 1;
        pull.Options.Linger = TimeSpan.Zero;
        pull.Connect(endpoint);

        var big = new byte[BigFrame];
        using var stop = new CancellationTokenSource();
        var sending = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                big[0] = (byte)i;
                try
                {
                    await push.SendAsync(Message.FromStrings($"{i}", $"{i}").Add(big).Add($"{i}b"), stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });

        var received = 0;
        for (var round = 0; round < 3; round++)
        {
            using (var message = await pull.ReceiveAsync().Within())
            {
                AssertWhole(message);
                received++;
            }

            // Drop the connection while the next message is being written, then connect again.
            pull.Disconnect(endpoint);
            pull.Connect(endpoint);
        }

        using (var last = await pull.ReceiveAsync().Within())
        {
            AssertWhole(last);
        }

        await stop.CancelAsync();
        await sending.Within();
        Assert.Equal(3, received);
    }

    private static void AssertWhole(Message message)
    {
        Assert.Equal(4, message.Count);
        var id = message.GetString(0);
        Assert.Equal(id, message.GetString(1));
        Assert.Equal(BigFrame, message[2].Length);
        Assert.Equal($"{id}b", message.GetString(3));
    }
}
