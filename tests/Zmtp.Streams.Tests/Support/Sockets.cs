namespace Zmtp.Streams.Tests.Support;

internal static class Sockets
{
    public static string InprocName() => $"inproc://streams-{Guid.NewGuid():N}";

    /// <summary>Leaves exactly <paramref name="count"/> messages ("0", "1", …) queued in a new PULL socket
    /// (inproc, RCVHWM = count) and one more ("count") waiting in the PUSH socket's queue (SNDHWM = 1).</summary>
    public static async Task<(PullSocket Pull, PushSocket Push)> QueuedPullAsync(ZmtpContext context, int count)
    {
        var pull = new PullSocket(context);
        pull.Options.ReceiveHighWatermark = count;
        var name = InprocName();
        pull.Bind(name);
        var push = new PushSocket(context);
        push.Options.SendHighWatermark = 1;
        push.Connect(name);
        using var timeout = new CancellationTokenSource(LoopScope.Timeout);
        for (var i = 0; i <= count; i++)
        {
            await push.SendAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture), timeout.Token);
        }

        // The extra message stays in the sender only once the receiver's queue is full.
        await Eventually.TrueAsync(() => (push.Events & PollEvents.Out) == 0, "the receiver's queue to fill");
        return (pull, push);
    }
}
