using System.Net.Sockets;

namespace Zmtp.Transport;

/// <summary>ZMQ_CONNECT_TIMEOUT: one deadline over name resolution and every connect attempt.</summary>
internal static class ConnectTimeout
{
    /// <summary>A linked source that cancels at the deadline, or null when no timeout is configured.</summary>
    public static CancellationTokenSource? Create(TransportOptions options, CancellationToken cancellationToken)
    {
        TimeSpan limit = options.ConnectTimeout;
        if (limit == Timeout.InfiniteTimeSpan || limit <= TimeSpan.Zero)
        {
            return null;
        }

        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(limit);
        return source;
    }

    /// <summary>True when a cancellation came from the deadline rather than the caller.</summary>
    public static bool Expired(CancellationTokenSource? timeout, CancellationToken callerToken) =>
        timeout is not null && timeout.IsCancellationRequested && !callerToken.IsCancellationRequested;

    public static SocketException Error() => new((int)SocketError.TimedOut);
}
