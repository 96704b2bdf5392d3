using Zmtp.Proxying;

namespace Zmtp;

/// <summary>
/// libzmq's <c>zmq_proxy</c> and <c>zmq_proxy_steerable</c> as awaitables: relay whole messages between a
/// frontend and a backend socket in both directions, frames and content untouched (so ROUTER routing ids
/// pass through), plus the classic devices built on them.
/// </summary>
/// <remarks>
/// A proxy only reads a side while the other side can take a message, so a slow destination slows the
/// senders instead of losing messages (types that drop by pattern, such as PUB and ROUTER, still drop). Each
/// direction keeps its message order. The sockets' send and receive timeouts do not apply to the proxy.
/// Ending: the task completes normally when any of its sockets is disposed or (steerable) on TERMINATE, and
/// is cancelled (throws <see cref="OperationCanceledException"/>) when the token is cancelled. Bind and
/// connect the sockets yourself; the proxy does not dispose them.
/// </remarks>
public static class Proxy
{
    /// <summary>Relays messages frontend → backend and backend → frontend until a socket is disposed or the
    /// token is cancelled. A direction the socket types cannot carry (a PULL frontend cannot send) is skipped.</summary>
    /// <param name="frontend">The frontend socket.</param>
    /// <param name="backend">The backend socket; may be <paramref name="frontend"/> itself, which then relays
    /// between its own peers.</param>
    /// <param name="capture">If given, also receives every relayed message (the same frames), in either direction, before
    /// it is relayed (a PUB, PUSH, DEALER or PAIR; a capture socket that must wait holds the proxy back).</param>
    /// <param name="cancellationToken">Stops the proxy.</param>
    /// <returns>A task that completes when a socket is disposed; cancelled when the token is.</returns>
    /// <exception cref="ArgumentException">No direction can be relayed, or the capture socket is unusable.</exception>
    public static Task RunAsync(ZmtpSocket frontend, ZmtpSocket backend, ZmtpSocket? capture = null, CancellationToken cancellationToken = default)
    {
        Check(frontend, backend, capture, control: null);
        return new ProxyRun(frontend, backend, capture, control: null).RunAsync(cancellationToken);
    }

    /// <summary>Like <see cref="RunAsync"/>, steered by single-frame commands received on
    /// <paramref name="control"/>: <c>PAUSE</c> stops relaying (messages stay queued in the sockets),
    /// <c>RESUME</c> continues, <c>TERMINATE</c> ends the proxy (the task completes normally), and
    /// <c>STATISTICS</c> is answered with eight frames of 8 bytes, unsigned counters in host byte order:
    /// frontend received messages, frontend received bytes, frontend sent messages, frontend sent bytes, then
    /// the same four for the backend (a multipart message counts once). On a REP control socket every other
    /// command, unknown ones included, is answered with one empty frame; elsewhere they get no reply, and
    /// unknown commands are ignored.</summary>
    /// <param name="frontend">The frontend socket.</param>
    /// <param name="backend">The backend socket; may be <paramref name="frontend"/> itself.</param>
    /// <param name="capture">If given, also receives every relayed message.</param>
    /// <param name="control">The socket commands arrive on (typically REP; PAIR or SUB also work).</param>
    /// <param name="cancellationToken">Stops the proxy.</param>
    /// <returns>A task that completes on TERMINATE or when a socket is disposed; cancelled when the token is.</returns>
    /// <exception cref="ArgumentException">No direction can be relayed, or the capture or control socket is unusable.</exception>
    public static Task RunSteerableAsync(ZmtpSocket frontend, ZmtpSocket backend, ZmtpSocket? capture, ZmtpSocket control, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(control);
        Check(frontend, backend, capture, control);
        return new ProxyRun(frontend, backend, capture, control).RunAsync(cancellationToken);
    }

    /// <summary>The request-reply broker ("queue" device): REQ clients connect to the ROUTER frontend, REP
    /// workers to the DEALER backend; requests are load-balanced over workers and replies routed back.</summary>
    /// <param name="frontend">The ROUTER clients connect to.</param>
    /// <param name="backend">The DEALER workers connect to.</param>
    /// <param name="cancellationToken">Stops the device.</param>
    /// <returns>A task that completes when a socket is disposed; cancelled when the token is.</returns>
    public static Task QueueAsync(RouterSocket frontend, DealerSocket backend, CancellationToken cancellationToken = default) =>
        RunAsync(frontend, backend, capture: null, cancellationToken);

    /// <summary>The publish-subscribe forwarder ("forwarder" device): publishers connect to the XSUB
    /// frontend, subscribers to the XPUB backend; messages flow forward and subscriptions flow back from the
    /// XPUB to the XSUB, so publishers filter at the source.</summary>
    /// <param name="frontend">The XSUB publishers connect to.</param>
    /// <param name="backend">The XPUB subscribers connect to.</param>
    /// <param name="cancellationToken">Stops the device.</param>
    /// <returns>A task that completes when a socket is disposed; cancelled when the token is.</returns>
    public static Task ForwarderAsync(XSubSocket frontend, XPubSocket backend, CancellationToken cancellationToken = default) =>
        RunAsync(frontend, backend, capture: null, cancellationToken);

    /// <summary>The pipeline device ("streamer"): upstream PUSH sockets feed the PULL frontend, downstream
    /// PULL sockets take from the PUSH backend.</summary>
    /// <param name="frontend">The PULL upstream pushers connect to.</param>
    /// <param name="backend">The PUSH downstream pullers connect to.</param>
    /// <param name="cancellationToken">Stops the device.</param>
    /// <returns>A task that completes when a socket is disposed; cancelled when the token is.</returns>
    public static Task StreamerAsync(PullSocket frontend, PushSocket backend, CancellationToken cancellationToken = default) =>
        RunAsync(frontend, backend, capture: null, cancellationToken);

    private static void Check(ZmtpSocket frontend, ZmtpSocket backend, ZmtpSocket? capture, ZmtpSocket? control)
    {
        ArgumentNullException.ThrowIfNull(frontend);
        ArgumentNullException.ThrowIfNull(backend);
        if (!ProxyRun.CanForward(frontend, backend))
        {
            throw new ArgumentException(
                $"A {frontend.SocketType} frontend and a {backend.SocketType} backend cannot relay in either direction.", nameof(backend));
        }

        if (capture is not null && (!SocketRoles.CanSend(capture) || IsOneOf(capture, frontend, backend, control)))
        {
            throw new ArgumentException("The capture socket must be able to send and must not be another of the proxy's sockets.", nameof(capture));
        }

        if (control is not null && (!SocketRoles.CanReceive(control) || IsOneOf(control, frontend, backend, capture)))
        {
            throw new ArgumentException("The control socket must be able to receive and must not be another of the proxy's sockets.", nameof(control));
        }
    }

    private static bool IsOneOf(ZmtpSocket socket, ZmtpSocket first, ZmtpSocket second, ZmtpSocket? third) =>
        ReferenceEquals(socket, first) || ReferenceEquals(socket, second) || ReferenceEquals(socket, third);
}
