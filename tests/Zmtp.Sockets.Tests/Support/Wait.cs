using System.Diagnostics;

namespace Zmtp.Sockets.Tests.Support;

/// <summary>Bounded waits: every await in these tests fails loudly instead of hanging.</summary>
internal static class Wait
{
    /// <summary>The longest any single step of a test may take.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>How long a negative check ("nothing arrives") listens.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    public static Task<T> Within<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Limit);

    public static Task Within(this ValueTask task) => task.AsTask().WaitAsync(Limit);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Limit);

    public static Task Within(this Task task) => task.WaitAsync(Limit);

    /// <summary>Receives a message, or null when none arrives within <paramref name="wait"/>.
    /// A cancelled receive consumes nothing, so this is safe to call in a polling loop.</summary>
    public static async Task<Message?> ReceiveOrNullAsync(this ZmtpSocket socket, TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        try
        {
            return await socket.ReceiveAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Sends with <paramref name="send"/> until <paramref name="receiver"/> gets a message
    /// (subscriptions and connections take an unknown time to arrive). Bounded by <see cref="Limit"/>.</summary>
    public static async Task<Message> SendUntilReceivedAsync(Action send, ZmtpSocket receiver)
    {
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < Limit)
        {
            send();
            var message = await receiver.ReceiveOrNullAsync(TimeSpan.FromMilliseconds(25));
            if (message is not null)
            {
                return message;
            }
        }

        throw new TimeoutException("Nothing arrived although the sender kept sending.");
    }

    /// <summary>Receives the next message whose first frame is not <paramref name="skip"/> (leftover
    /// warm-up messages).</summary>
    public static async Task<Message> ReceiveSkippingAsync(this ZmtpSocket socket, string skip)
    {
        while (true)
        {
            var message = await socket.ReceiveAsync().Within();
            if (message.GetString(0) != skip)
            {
                return message;
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> until true, bounded by <see cref="Limit"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var start = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(start) > Limit)
            {
                throw new TimeoutException("Timed out waiting until " + what);
            }

            await Task.Delay(10);
        }
    }
}
