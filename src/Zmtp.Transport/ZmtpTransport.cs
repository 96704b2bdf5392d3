namespace Zmtp.Transport;

/// <summary>Entry points for tcp:// and ipc://: bind a listener or connect to a peer.</summary>
/// <remarks>inproc:// is handled by the sockets layer, which moves messages without encoding them.</remarks>
public static class ZmtpTransport
{
    /// <summary>
    /// Binds and starts listening, synchronously (like libzmq's bind). For tcp, <c>*</c> binds all interfaces
    /// and port <c>*</c>/<c>0</c> an ephemeral port, readable back from <see cref="ZmtpListener.Endpoint"/>.
    /// For ipc, a stale socket file is replaced and <c>ipc://*</c> binds a fresh temporary path.
    /// </summary>
    /// <param name="endpoint">A tcp or ipc endpoint.</param>
    /// <param name="options">Backlog, IPv6 and buffer settings.</param>
    /// <returns>The listener.</returns>
    /// <exception cref="System.Net.Sockets.SocketException">The bind failed, e.g. <c>AddressAlreadyInUse</c>.</exception>
    /// <exception cref="NotSupportedException">The endpoint is inproc.</exception>
    public static ZmtpListener Listen(ZmtpEndpoint endpoint, TransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        return endpoint.Kind switch
        {
            TransportKind.Tcp => TcpTransport.Listen(endpoint, options),
            TransportKind.Ipc => IpcTransport.Listen(endpoint, options),
            _ => throw InprocNotSupported(endpoint),
        };
    }

    /// <summary>
    /// Connects once (no retry; see <see cref="ReconnectBackoff"/>). Host names are resolved through DNS
    /// (IPv4 only unless <see cref="TransportOptions.Ipv6"/>) and each address is tried in turn.
    /// </summary>
    /// <param name="endpoint">A tcp endpoint with a concrete host and port, or an ipc endpoint.</param>
    /// <param name="options">IPv6, buffer and connect-timeout settings.</param>
    /// <param name="cancellationToken">Cancels the attempt (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The established connection.</returns>
    /// <exception cref="System.Net.Sockets.SocketException">Refused, unreachable, unknown host, or <c>TimedOut</c> after <see cref="TransportOptions.ConnectTimeout"/>.</exception>
    /// <exception cref="ArgumentException">The endpoint names a wildcard host, port or path, which cannot be connected to.</exception>
    /// <exception cref="NotSupportedException">The endpoint is inproc.</exception>
    public static ValueTask<ZmtpConnection> ConnectAsync(ZmtpEndpoint endpoint, TransportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        switch (endpoint.Kind)
        {
            case TransportKind.Tcp:
                if (endpoint.Host == "*" || endpoint.Port == 0)
                {
                    throw new ArgumentException($"Cannot connect to '{endpoint}': a connect endpoint needs a concrete host and port.", nameof(endpoint));
                }

                return TcpTransport.ConnectAsync(endpoint, options, cancellationToken);
            case TransportKind.Ipc:
                if (endpoint.Path == "*")
                {
                    throw new ArgumentException("Cannot connect to 'ipc://*': the wildcard path is only meaningful when binding.", nameof(endpoint));
                }

                return IpcTransport.ConnectAsync(endpoint, options, cancellationToken);
            default:
                throw InprocNotSupported(endpoint);
        }
    }

    private static NotSupportedException InprocNotSupported(ZmtpEndpoint endpoint) =>
        new($"'{endpoint}' is an inproc endpoint; inproc is handled by the sockets layer, not by the transport.");
}
