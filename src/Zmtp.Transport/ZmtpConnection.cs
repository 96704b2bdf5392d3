using System.IO.Pipelines;

namespace Zmtp.Transport;

/// <summary>
/// One established stream connection (tcp or ipc) seen as a duplex pipe: bytes from the peer arrive on
/// <see cref="Input"/>, bytes written and flushed to <see cref="Output"/> are sent to the peer.
/// </summary>
/// <remarks>
/// <para>
/// When the peer closes cleanly, <see cref="Input"/> completes without an error; a reset or local abort
/// completes it with the exception that says why. The connection stays able to send after the peer's end of
/// stream until it is disposed; completing <see cref="Output"/> half-closes it (the peer sees end of stream).
/// </para>
/// <para>
/// The application must dispose (or abort) every connection; disposal is graceful and bounded in time.
/// </para>
/// </remarks>
public abstract class ZmtpConnection : IDuplexPipe, IAsyncDisposable
{
    /// <summary>Bytes received from the peer.</summary>
    public abstract PipeReader Input { get; }

    /// <summary>Bytes to send to the peer; they leave once flushed.</summary>
    public abstract PipeWriter Output { get; }

    /// <summary>This side's address as an endpoint string, e.g. <c>tcp://127.0.0.1:5555</c> or <c>ipc:///tmp/feed</c>.</summary>
    public abstract string LocalEndpoint { get; }

    /// <summary>The peer's address as an endpoint string, e.g. <c>tcp://127.0.0.1:43210</c>; for ipc, the socket path.</summary>
    public abstract string RemoteEndpoint { get; }

    /// <summary>The peer's IP address as text without a port (libzmq's <c>Peer-Address</c> property); null for ipc.</summary>
    public abstract string? PeerAddress { get; }

    /// <summary>
    /// Bytes received from the peer so far, counted as they come from the operating system, before the
    /// application reads them: a sign that the peer is alive even while the application is behind.
    /// </summary>
    public abstract long BytesReceived { get; }

    /// <summary>Canceled once the connection is fully closed: both directions have ended and the socket is released.</summary>
    public abstract CancellationToken ConnectionClosed { get; }

    /// <summary>
    /// Closes the connection at once. Output not yet sent is discarded; <see cref="Input"/> completes with
    /// <paramref name="reason"/> (or an <see cref="IOException"/> saying the connection was aborted).
    /// </summary>
    /// <param name="reason">Why the connection is aborted; passed on to the reader of <see cref="Input"/>.</param>
    public abstract void Abort(Exception? reason = null);

    /// <summary>
    /// Closes gracefully: everything already written and flushed to <see cref="Output"/> is sent, the peer
    /// sees end of stream, then the socket is closed. Waits a few seconds at most (then aborts), never throws,
    /// and may be called more than once and from several threads.
    /// </summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public abstract ValueTask DisposeAsync();
}
