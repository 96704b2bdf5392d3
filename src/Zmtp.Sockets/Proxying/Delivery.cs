using System.Runtime.CompilerServices;
namespace Zmtp.Proxying;

/// <summary>Sending for the proxy, independent of the sockets' SNDTIMEO.</summary>
internal static class Delivery
{
    /// <summary>
    /// Queues <paramref name="message"/> on <paramref name="socket"/>, waiting for readiness while the pattern
    /// must wait (never dropping for a blocking type). libzmq's proxy sends without a timeout of its own, so a
    /// SNDTIMEO set on a proxy socket must not end the proxy: this waits on readiness instead of using
    /// <see cref="ZmtpSocket.SendAsync(Message, CancellationToken)"/>.
    /// </summary>
    public static ValueTask SendAsync(ZmtpSocket socket, Message message, CancellationToken cancellationToken) =>
        socket.TrySend(message) ? ValueTask.CompletedTask : SendSlowAsync(socket, message, cancellationToken);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask SendSlowAsync(ZmtpSocket socket, Message message, CancellationToken cancellationToken)
    {
        do
        {
            // Readiness is a hint (another sender may take the room first): retry until the send sticks.
            await socket.PollAsync(PollEvents.Out, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
        while (!socket.TrySend(message));
    }
}
