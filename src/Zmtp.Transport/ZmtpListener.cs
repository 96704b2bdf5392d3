namespace Zmtp.Transport;

/// <summary>A bound endpoint that accepts incoming connections until it is disposed (unbound).</summary>
public abstract class ZmtpListener : IAsyncDisposable
{
    /// <summary>
    /// The endpoint actually bound, with ephemeral ports and wildcard ipc paths resolved, e.g.
    /// <c>tcp://0.0.0.0:43209</c> for <c>tcp://*:*</c>, <c>tcp://[::1]:43209</c>, or <c>ipc:///tmp/zmtp-x/socket</c> for <c>ipc://*</c>.
    /// </summary>
    public abstract string Endpoint { get; }

    /// <summary>
    /// Waits for the next incoming connection. Transient failures (a peer that gave up before being accepted)
    /// are skipped; other accept failures throw <see cref="System.Net.Sockets.SocketException"/> and the
    /// caller may call again.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The accepted connection, or null once the listener has been disposed.</returns>
    public abstract ValueTask<ZmtpConnection?> AcceptAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops listening; pending and later <see cref="AcceptAsync"/> calls return null. An ipc listener removes the socket file it created.</summary>
    /// <returns>A task that completes when the listener is closed.</returns>
    public abstract ValueTask DisposeAsync();
}
