using Zmtp.Cli.Arguments;

namespace Zmtp.Cli.Commands;

/// <summary>Creates a socket, configures it and binds/connects every endpoint of the command line.</summary>
internal static class SocketOpener
{
    /// <summary>
    /// Opens a socket. <paramref name="configure"/> runs before any bind or connect, since most options
    /// (linger aside) only apply to later endpoints. Each bound endpoint is reported on standard error with
    /// its resolved address, the only way to learn the port of <c>tcp://127.0.0.1:*</c>.
    /// </summary>
    /// <exception cref="ZmtpException">A bind or connect failed; the socket has been disposed.</exception>
    public static ZmtpSocket Open(ZmtpSocketType type, IReadOnlyList<EndpointSpec> endpoints, CliContext context, Action<ZmtpSocket>? configure = null)
    {
        var socket = ZmtpSocket.Create(type);
        try
        {
            configure?.Invoke(socket);
            foreach (var endpoint in endpoints)
            {
                if (endpoint.Bind)
                {
                    var resolved = socket.Bind(endpoint.Address);
                    context.Diagnostic($"{SocketTypeNames.Name(type)} bound to {resolved}");
                }
                else
                {
                    socket.Connect(endpoint.Address);
                }
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>True when at least one endpoint binds (binding roles print READY).</summary>
    public static bool AnyBind(IReadOnlyList<EndpointSpec> endpoints) => endpoints.Any(e => e.Bind);
}
