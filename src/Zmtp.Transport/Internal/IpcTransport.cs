using System.Net.Sockets;

namespace Zmtp.Transport;

/// <summary>ipc:// (Unix domain stream sockets) listening and connecting; the byte stream is the same as libzmq's.</summary>
internal static class IpcTransport
{
    public static SocketListener Listen(ZmtpEndpoint endpoint, TransportOptions options)
    {
        string path = endpoint.Path;
        string? tempDirectory = null;
        if (path == "*")
        {
            path = IpcPaths.CreateWildcardPath(out tempDirectory);
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            SocketSetup.ApplyBufferSizes(socket, options);
            BindReplacingStale(socket, path);
            socket.Listen(options.Backlog);
            string? file = IpcPaths.IsAbstract(path) ? null : path;
            return new SocketListener(socket, EndpointText.Ipc(path), options, file, tempDirectory);
        }
        catch
        {
            socket.Dispose();
            IpcPaths.Remove(null, tempDirectory);
            throw;
        }
    }

    public static async ValueTask<ZmtpConnection> ConnectAsync(ZmtpEndpoint endpoint, TransportOptions options, CancellationToken cancellationToken)
    {
        using CancellationTokenSource? timeout = ConnectTimeout.Create(options, cancellationToken);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            SocketSetup.ConfigureStream(socket, options, tcp: false);
            await socket.ConnectAsync(IpcPaths.ToEndPoint(endpoint.Path), timeout?.Token ?? cancellationToken).ConfigureAwait(false);
            string text = EndpointText.Ipc(endpoint.Path);
            return new SocketConnection(socket, text, text, peerAddress: null);
        }
        catch (OperationCanceledException) when (ConnectTimeout.Expired(timeout, cancellationToken))
        {
            socket.Dispose();
            throw ConnectTimeout.Error();
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static void BindReplacingStale(Socket socket, string path)
    {
        try
        {
            socket.Bind(IpcPaths.ToEndPoint(path));
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse && !IpcPaths.IsAbstract(path))
        {
            // libzmq unlinks a socket file left behind by an earlier run before binding. Unlike libzmq we keep
            // the file when a live listener answers on it, so a second bind fails instead of stealing the name.
            if (IpcPaths.IsLive(path))
            {
                throw;
            }

            File.Delete(path);
            socket.Bind(IpcPaths.ToEndPoint(path));
        }
    }
}
