using System.Runtime.InteropServices;

namespace Zmtp.Interop.Tests.Native;

/// <summary>A libzmq context; closes any socket still open before terminating so zmq_ctx_term cannot hang.</summary>
internal sealed class ZmqContext : IDisposable
{
    private readonly List<ZmqSocket> _sockets = [];
    private nint _handle;

    public ZmqContext()
    {
        _handle = LibZmq.zmq_ctx_new();
        if (_handle == 0)
        {
            throw ZmqException.Last("zmq_ctx_new");
        }
    }

    internal nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(ZmqContext));

    /// <summary>Creates a socket of the given libzmq type with LINGER 0 and a 10 s send timeout.</summary>
    public ZmqSocket Socket(int type)
    {
        var socket = new ZmqSocket(this, type);
        lock (_sockets)
        {
            _sockets.Add(socket);
        }

        return socket;
    }

    public void Dispose()
    {
        if (_handle == 0)
        {
            return;
        }

        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }

            _sockets.Clear();
        }

        // zmq_ctx_term may be interrupted by a signal (EINTR); retry as libzmq documents.
        while (LibZmq.zmq_ctx_term(_handle) != 0 && Marshal.GetLastPInvokeError() == Zmq.EIntr)
        {
        }

        _handle = 0;
    }
}
