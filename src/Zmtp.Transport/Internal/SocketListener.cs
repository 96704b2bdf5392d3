using System.Net;
using System.Net.Sockets;

namespace Zmtp.Transport;

/// <summary>A listening tcp or ipc socket that hands out <see cref="SocketConnection"/>s.</summary>
internal sealed class SocketListener : ZmtpListener
{
    private readonly Socket _socket;
    private readonly TransportOptions _options;
    private readonly string? _ipcFile;
    private readonly string? _ipcTempDirectory;
    private int _disposed;

    /// <summary>Takes ownership of a bound, listening socket.</summary>
    /// <param name="socket">The listening socket.</param>
    /// <param name="endpoint">The resolved endpoint text.</param>
    /// <param name="options">Options applied to each accepted connection (copied).</param>
    /// <param name="ipcFile">The socket file to remove on dispose, if this listener created one.</param>
    /// <param name="ipcTempDirectory">The temporary directory created for <c>ipc://*</c>, removed on dispose.</param>
    public SocketListener(Socket socket, string endpoint, TransportOptions options, string? ipcFile, string? ipcTempDirectory)
    {
        _socket = socket;
        Endpoint = endpoint;
        // Every per-connection option applies to accepted connections as to connecting ones (libzmq sets
        // keepalive and TOS on both).
        _options = new TransportOptions
        {
            SendBufferSize = options.SendBufferSize,
            ReceiveBufferSize = options.ReceiveBufferSize,
            TcpKeepAlive = options.TcpKeepAlive,
            TcpKeepAliveCount = options.TcpKeepAliveCount,
            TcpKeepAliveIdle = options.TcpKeepAliveIdle,
            TcpKeepAliveInterval = options.TcpKeepAliveInterval,
            TypeOfService = options.TypeOfService,
        };
        _ipcFile = ipcFile;
        _ipcTempDirectory = ipcTempDirectory;
    }

    public override string Endpoint { get; }

    private bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public override async ValueTask<ZmtpConnection?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (!IsDisposed)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return null;
            }
            catch (SocketException) when (IsDisposed)
            {
                return null;
            }
            catch (SocketException ex) when (SocketErrors.IsTransientAcceptError(ex.SocketErrorCode))
            {
                // The peer gave up between SYN and accept; libzmq ignores this too and keeps accepting.
                continue;
            }

            try
            {
                return Wrap(accepted);
            }
            catch (SocketException)
            {
                // Reset before we could read its addresses: treat like a transient accept failure.
                accepted.Dispose();
            }
        }

        return null;
    }

    public override ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        _socket.Dispose();
        IpcPaths.Remove(_ipcFile, _ipcTempDirectory);
        return ValueTask.CompletedTask;
    }

    private SocketConnection Wrap(Socket accepted)
    {
        if (accepted.LocalEndPoint is IPEndPoint local && accepted.RemoteEndPoint is IPEndPoint remote)
        {
            SocketSetup.ConfigureStream(accepted, _options, tcp: true);
            return new SocketConnection(accepted, EndpointText.Tcp(local), EndpointText.Tcp(remote), EndpointText.Address(remote.Address));
        }

        // ipc peers are unnamed: both ends are known by the listening path.
        SocketSetup.ConfigureStream(accepted, _options, tcp: false);
        return new SocketConnection(accepted, Endpoint, Endpoint, peerAddress: null);
    }
}
