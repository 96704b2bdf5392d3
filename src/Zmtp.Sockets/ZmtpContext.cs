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

    /// <summary>Closes every socket of the context (each lingering as its options say).</summary>
    /// <returns>A task that completes when every socket is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        foreach (var socket in TakeSockets())
        {
            await socket.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes every socket of the context, blocking while they linger.</summary>
    public void Dispose()
    {
        foreach (var socket in TakeSockets())
        {
            socket.Dispose();
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
