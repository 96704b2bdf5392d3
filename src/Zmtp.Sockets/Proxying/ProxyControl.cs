namespace Zmtp.Proxying;

/// <summary>
/// The steerable proxy's control loop (libzmq <c>zmq_proxy_steerable</c>): single-frame commands PAUSE,
/// RESUME, TERMINATE and STATISTICS. A REP control socket gets an empty reply to every command except
/// STATISTICS, which any control socket that can send answers with eight 64-bit counters.
/// </summary>
internal sealed class ProxyControl
{
    private readonly ZmtpSocket _control;
    private readonly PauseGate _gate;
    private readonly TrafficCounters _frontend;
    private readonly TrafficCounters _backend;

    public ProxyControl(ZmtpSocket control, PauseGate gate, TrafficCounters frontend, TrafficCounters backend)
    {
        _control = control;
        _gate = gate;
        _frontend = frontend;
        _backend = backend;
    }

    private enum Command
    {
        Unknown,
        Pause,
        Resume,
        Terminate,
        Statistics,
    }

    /// <summary>Handles commands until TERMINATE (returns) or the proxy stops.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!_control.TryReceive(out var message))
            {
                await _control.PollAsync(PollEvents.In, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var command = Parse(message[0].Span);
            message.Dispose();

            // Deliberately PAUSE stops and RESUME starts (libzmq 4.3.5 had the two swapped).
            switch (command)
            {
                case Command.Pause:
                    _gate.Pause();
                    break;
                case Command.Resume:
                    _gate.Resume();
                    break;
            }

            var reply = Reply(command);
            if (reply is not null)
            {
                await Delivery.SendAsync(_control, reply, cancellationToken).ConfigureAwait(false);
            }

            if (command == Command.Terminate)
            {
                return;
            }
        }
    }

    private Message? Reply(Command command)
    {
        if (command == Command.Statistics)
        {
            return SocketRoles.CanSend(_control) ? Statistics() : null;
        }

        // A REP must answer every request before it can receive the next one.
        return _control.SocketType == ZmtpSocketType.Rep ? new Message(ReadOnlyMemory<byte>.Empty) : null;
    }

    /// <summary>Eight frames of 8 bytes in host byte order, as libzmq writes its uint64 counters:
    /// frontend received messages, bytes, sent messages, bytes, then the same four for the backend.</summary>
    private Message Statistics()
    {
        Span<long> values =
        [
            _frontend.ReceivedMessages, _frontend.ReceivedBytes, _frontend.SentMessages, _frontend.SentBytes,
            _backend.ReceivedMessages, _backend.ReceivedBytes, _backend.SentMessages, _backend.SentBytes,
        ];
        var buffer = new byte[values.Length * sizeof(ulong)];
        var frames = new ReadOnlyMemory<byte>[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var slot = buffer.AsMemory(i * sizeof(ulong), sizeof(ulong));
            BitConverter.TryWriteBytes(slot.Span, (ulong)values[i]);
            frames[i] = slot;
        }

        return new Message(frames);
    }

    private static Command Parse(ReadOnlySpan<byte> frame) => frame switch
    {
        _ when frame.SequenceEqual("PAUSE"u8) => Command.Pause,
        _ when frame.SequenceEqual("RESUME"u8) => Command.Resume,
        _ when frame.SequenceEqual("TERMINATE"u8) => Command.Terminate,
        _ when frame.SequenceEqual("STATISTICS"u8) => Command.Statistics,
        _ => Command.Unknown,
    };
}
