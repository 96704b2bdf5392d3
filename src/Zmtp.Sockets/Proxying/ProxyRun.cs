namespace Zmtp.Proxying;

/// <summary>
/// One running proxy: a forwarding loop per direction (one loop when frontend and backend are the same
/// socket) plus, when steerable, a control loop. The first loop to end (a closed socket, TERMINATE, an error
/// or cancellation) stops the others.
/// </summary>
internal sealed class ProxyRun
{
    /// <summary>libzmq forwards up to this many messages in one direction before looking at the other; here
    /// the directions run independently, so it only bounds how long a loop runs without yielding its thread.</summary>
    private const int BurstSize = 1000;

    private readonly ZmtpSocket _frontend;
    private readonly ZmtpSocket _backend;
    private readonly ZmtpSocket? _capture;
    private readonly ZmtpSocket? _control;
    private readonly TrafficCounters _frontendTraffic = new();
    private readonly TrafficCounters _backendTraffic = new();
    private readonly PauseGate _gate = new();

    public ProxyRun(ZmtpSocket frontend, ZmtpSocket backend, ZmtpSocket? capture, ZmtpSocket? control)
    {
        _frontend = frontend;
        _backend = backend;
        _capture = capture;
        _control = control;
    }

    /// <summary>True when at least one direction can forward (the receiving side receives, the other sends).</summary>
    public static bool CanForward(ZmtpSocket frontend, ZmtpSocket backend) =>
        (SocketRoles.CanReceive(frontend) && SocketRoles.CanSend(backend)) ||
        (SocketRoles.CanReceive(backend) && SocketRoles.CanSend(frontend));

    /// <summary>Runs until a socket is closed or TERMINATE arrives (returns), or until cancelled (throws
    /// <see cref="OperationCanceledException"/>).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loops = new List<Task>(3);
        if (SocketRoles.CanReceive(_frontend) && SocketRoles.CanSend(_backend))
        {
            loops.Add(GuardAsync(() => ForwardAsync(_frontend, _backend, _frontendTraffic, _backendTraffic, stop.Token), stop));
        }

        // libzmq: with frontend == backend one socket relays between its own peers, in one loop.
        if (!ReferenceEquals(_frontend, _backend) && SocketRoles.CanReceive(_backend) && SocketRoles.CanSend(_frontend))
        {
            loops.Add(GuardAsync(() => ForwardAsync(_backend, _frontend, _backendTraffic, _frontendTraffic, stop.Token), stop));
        }

        if (_control is not null)
        {
            var control = new ProxyControl(_control, _gate, _frontendTraffic, _backendTraffic);
            loops.Add(GuardAsync(() => control.RunAsync(stop.Token), stop));
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Runs a loop on the thread pool (a burst never runs on the caller's thread or context) and
    /// ends every loop once one ends; a closed socket or the shared stop is a normal end.</summary>
    private static async Task GuardAsync(Func<Task> loop, CancellationTokenSource stop)
    {
        try
        {
            await Task.Run(loop, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // libzmq's proxy returns when a socket goes away (ETERM/ENOTSOCK); pyzmq devices treat that as a
            // clean shutdown.
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped because another loop ended or the caller cancelled; the caller's token is re-checked.
        }
        finally
        {
            stop.Cancel();
        }
    }

    private async Task ForwardAsync(ZmtpSocket from, ZmtpSocket to, TrafficCounters fromTraffic, TrafficCounters toTraffic, CancellationToken cancellationToken)
    {
        while (true)
        {
            await _gate.WaitOpenAsync(cancellationToken).ConfigureAwait(false);

            // libzmq reads a side only while the other side reports POLLOUT, so back-pressure from a slow
            // destination reaches the senders instead of piling up here.
            if ((to.Events & PollEvents.Out) == 0)
            {
                await to.PollAsync(PollEvents.Out, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if ((from.Events & PollEvents.In) == 0)
            {
                await from.PollAsync(PollEvents.In, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var forwarded = 0;
            while (forwarded < BurstSize && _gate.IsOpen && from.TryReceive(out var message))
            {
                try
                {
                    var bytes = message.ByteCount;

                    // The capture gets the same frames: a socket holds its own reference to a message until
                    // it has written it, so sharing is safe and copies nothing.
                    if (_capture is not null)
                    {
                        await Delivery.SendAsync(_capture, message, cancellationToken).ConfigureAwait(false);
                    }

                    await Delivery.SendAsync(to, message, cancellationToken).ConfigureAwait(false);
                    fromTraffic.CountReceived(bytes);
                    toTraffic.CountSent(bytes);
                    forwarded++;
                }
                finally
                {
                    // Drops only the proxy's hold: the pooled buffers return once the sockets have written it.
                    message.Dispose();
                }
            }

            if (forwarded == BurstSize)
            {
                await Task.Yield();
            }
        }
    }
}
