using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Zmtp.Protocol;

/// <summary>Reading messages and commands after the handshake.</summary>
public sealed partial class ZmtpSession
{
    private ReadOnlySequence<byte> _held;
    private bool _heldCompleted;
    private bool _holding;
    private long _heldConsumed;

    /// <summary>Bytes parsed from a held buffer after which the pipe is advanced anyway.</summary>
    private const long ReleaseThreshold = 32 * 1024;

    /// <summary>
    /// Returns the next whole message or command. Completes synchronously when one is already buffered.
    /// PING is returned to the caller (this method never writes). Unknown commands are skipped. When the
    /// peer closes, returns <see cref="ZmtpInboundKind.Closed"/> (a partial message is discarded).
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait for data.</param>
    /// <returns>The next item.</returns>
    /// <exception cref="ZmtpProtocolException">The peer violated the protocol, or sent ERROR.</exception>
    public ValueTask<ZmtpInbound> ReadAsync(CancellationToken cancellationToken = default) =>
        TryRead(out var inbound) ? new ValueTask<ZmtpInbound>(inbound) : ReadSlowAsync(cancellationToken);

    /// <summary>
    /// Returns the next whole message or command if it is already buffered, without waiting; false when
    /// <see cref="ReadAsync"/> would have to wait for data. Lets a caller gather everything that arrived in one
    /// read before handing it on.
    /// </summary>
    /// <param name="inbound">The item, when the result is true.</param>
    /// <returns>True if an item was read.</returns>
    /// <exception cref="ZmtpProtocolException">The peer violated the protocol, or sent ERROR.</exception>
    public bool TryRead(out ZmtpInbound inbound)
    {
        EnsureReady();
        if (_holding && TryConsumeHeld(out inbound))
        {
            return true;
        }

        if (_input.TryRead(out var result) && TryConsume(result, out inbound))
        {
            return true;
        }

        inbound = default;
        return false;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ZmtpInbound> ReadSlowAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (TryConsume(result, out var inbound))
            {
                return inbound;
            }
        }
    }

    // Parses the next item from a fresh read. When one is found, the rest of the buffer is held (not yet
    // advanced) so the next calls parse from it without touching the pipe: one AdvanceTo per read, not per
    // message.
    private bool TryConsume(in ReadResult result, out ZmtpInbound inbound)
    {
        _held = result.Buffer;
        _heldCompleted = result.IsCompleted;
        _holding = true;
        if (TryConsumeHeld(out inbound))
        {
            return true;
        }

        if (result.IsCompleted)
        {
            DiscardPartial();
            inbound = ZmtpInbound.Closed;
            return true;
        }

        if (result.IsCanceled)
        {
            throw new OperationCanceledException("The pending ZMTP read was canceled.");
        }

        return false;
    }

    // Parses from the held buffer; when it holds no complete item any more, advances the pipe past what was
    // used (and marks everything examined) and lets go of it.
    private bool TryConsumeHeld(out ZmtpInbound inbound)
    {
        var buffer = _held;
        var reader = new SequenceReader<byte>(buffer);
        bool done;
        try
        {
            done = TryParseInbound(ref reader, out inbound);
        }
        catch
        {
            Release(reader.Position, buffer.End);
            DiscardPartial();
            throw;
        }

        if (done)
        {
            _held = buffer.Slice(reader.Position);
            _heldConsumed += reader.Consumed;
            if (_held.IsEmpty || _heldConsumed >= ReleaseThreshold)
            {
                // Give the pipe back what was used, so a writer waiting on back-pressure goes on even if
                // the caller does not read again soon.
                Release(reader.Position, reader.Position);
            }

            return true;
        }

        Release(reader.Position, buffer.End);
        if (_heldCompleted)
        {
            DiscardPartial();
            inbound = ZmtpInbound.Closed;
            return true;
        }

        return false;
    }

    private void Release(SequencePosition consumed, SequencePosition examined)
    {
        _holding = false;
        _heldConsumed = 0;
        _held = default;
        _input.AdvanceTo(consumed, examined);
    }

    private bool TryParseInbound(ref SequenceReader<byte> reader, out ZmtpInbound inbound)
    {
        while (true)
        {
            if (_frames.TryReadShortMessage(ref reader, out var body, out var more))
            {
                _current ??= NewMessage();
                CheckFrameCount(_current);
                _current.AddCopy(body);
                if (!more)
                {
                    inbound = ZmtpInbound.ForMessage(_current);
                    _current = null;
                    return true;
                }

                continue;
            }

            if (!_frames.TryRead(ref reader, out var frame))
            {
                break;
            }

            if (!frame.Header.IsCommand)
            {
                _current ??= NewMessage();
                try
                {
                    CheckFrameCount(_current);
                }
                catch
                {
                    frame.Release();
                    throw;
                }

                frame.AddTo(_current);
                if (!frame.Header.HasMore)
                {
                    inbound = ZmtpInbound.ForMessage(_current);
                    _current = null;
                    return true;
                }

                continue;
            }

            try
            {
                if (_current is not null)
                {
                    // RFC 23: commands may come between messages, never between the frames of one.
                    ProtocolThrow.Error(ZmtpProtocolError.CommandInsideMessage, "Command frame inside a multipart message.");
                }

                if (TryHandleCommand(frame.Body, out inbound))
                {
                    return true;
                }
            }
            finally
            {
                frame.Release();
            }
        }

        inbound = default;
        return false;
    }

    private void CheckFrameCount(Message message)
    {
        var limit = _options.MaxFramesPerMessage;
        if (limit >= 0 && message.Count >= limit)
        {
            ProtocolThrow.Error(ZmtpProtocolError.LimitExceeded, $"A message has more than {limit} frames.");
        }
    }

    private Message NewMessage() => _options.MessagePool?.Rent() ?? new Message();

    private static bool TryHandleCommand(ReadOnlySequence<byte> body, out ZmtpInbound inbound)
    {
        var reader = new SequenceReader<byte>(body);
        switch (ZmtpCommandReader.ReadName(ref reader))
        {
            case ZmtpCommandKind.Subscribe:
                inbound = ZmtpInbound.ForCommand(ZmtpInboundKind.Subscribe, CopyRest(ref reader));
                return true;
            case ZmtpCommandKind.Cancel:
                inbound = ZmtpInbound.ForCommand(ZmtpInboundKind.Cancel, CopyRest(ref reader));
                return true;
            case ZmtpCommandKind.Ping:
                var ttl = ZmtpCommandReader.ReadPingTtl(ref reader);
                inbound = ZmtpInbound.ForCommand(ZmtpInboundKind.Ping, CopyRest(ref reader), ttl);
                return true;
            case ZmtpCommandKind.Pong:
                inbound = ZmtpInbound.ForCommand(ZmtpInboundKind.Pong, CopyRest(ref reader));
                return true;
            case ZmtpCommandKind.Error:
                var reason = ZmtpCommandReader.ReadErrorReason(ref reader);
                throw new ZmtpProtocolException(ZmtpProtocolError.PeerError, $"Peer sent ERROR: \"{reason}\".");
            default:
                // libzmq: after the handshake, any other command is silently ignored.
                inbound = default;
                return false;
        }
    }

    private static ReadOnlyMemory<byte> CopyRest(ref SequenceReader<byte> reader) =>
        reader.End ? ReadOnlyMemory<byte>.Empty : reader.UnreadSequence.ToArray();

    private void DiscardPartial()
    {
        _current?.Dispose();
        _current = null;
        _frames.Reset();
    }
}
