using Zmtp.Inproc;

namespace Zmtp;

/// <summary>
/// A group of sockets that can reach each other over <c>inproc://</c> (libzmq's context). Sockets created
/// without a context use <see cref="Default"/>. Disposing a context closes every socket still open in it.
/// </summary>
public sealed class ZmtpContext : IAsyncDisposable, IDisposable
{
    private readonly object _sync = new();
    private readonly HashSet<ZmtpSocket> _sockets = [];
    private bool _disposed;

    /// <summary>The process-wide context used by sockets created without one.</summary>
    public static ZmtpContext Default { get; } = new();

    internal InprocRegistry Inproc { get; } = new();

    /// <summary>Creates a socket of <paramref name="type"/> in this context.</summary>
    /// <param name="type">The socket type.</param>
    /// <returns>The new socket.</returns>
    public ZmtpSocket CreateSocket(ZmtpSocketType type) => ZmtpSocket.Create(type, this);

    /// <summary>Closes every socket of the context together (each lingering as its options say), so the
    /// whole close takes the longest linger, not their sum.</summary>
    /// <returns>A task that completes when every socket is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        var closing = TakeSockets().Select(socket => socket.StartClose()).ToArray();
        await Task.WhenAll(closing).ConfigureAwait(false);
    }

    /// <summary>Closes every socket of the context together, blocking while they linger (each for at most
    /// what its own blocking close would wait).</summary>
    public void Dispose()
    {
        var sockets = TakeSockets();
        var closing = sockets.Select(socket => socket.StartClose()).ToArray();
        for (var i = 0; i < sockets.Length; i++)
        {
            closing[i].Wait(sockets[i].BlockingCloseLimit);
        }
    }

    internal void Add(ZmtpSocket socket)
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _sockets.Add(socket);
        }
    }

    internal void Remove(ZmtpSocket socket)
    {
        lock (_sync)
        {
            _sockets.Remove(socket);
        }
    }

    private ZmtpSocket[] TakeSockets()
    {
        lock (_sync)
        {
            if (this == Default)
            {
                return [.. _sockets];
            }

            _disposed = true;
            return [.. _sockets];
        }
    }
}
