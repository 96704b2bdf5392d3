using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Zmtp.Protocol;

/// <summary>Reading messages and commands after the handshake.</summary>
public sealed partial class ZmtpSession
{
    /// <summary>
    /// Returns the next whole message or command. Completes synchronously when one is already buffered.
    /// PING is returned to the caller (this method never writes). Unknown commands are skipped. When the
    /// peer closes, returns <see cref="ZmtpInboundKind.Closed"/> (a partial message is discarded).
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait for data.</param>
    /// <returns>The next item.</returns>
    /// <exception cref="ZmtpProtocolException">The peer violated the protocol, or sent ERROR.</exception>
    public ValueTask<ZmtpInbound> ReadAsync(CancellationToken cancellationToken = default)
    {
        EnsureReady();
        if (_input.TryRead(out var result) && TryConsume(result, out var inbound))
        {
            return new ValueTask<ZmtpInbound>(inbound);
        }

        return ReadSlowAsync(cancellationToken);
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

    // Parses every complete frame already buffered; advances the pipe exactly past what was used.
    private bool TryConsume(in ReadResult result, out ZmtpInbound inbound)
    {
        var buffer = result.Buffer;
        var reader = new SequenceReader<byte>(buffer);
        var done = false;
        try
        {
            done = TryParseInbound(ref reader, out inbound);
        }
        catch
        {
            DiscardPartial();
            throw;
        }
        finally
        {
            _input.AdvanceTo(reader.Position, done ? reader.Position : buffer.End);
        }

        if (done)
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

    private bool TryParseInbound(ref SequenceReader<byte> reader, out ZmtpInbound inbound)
    {
        while (_frames.TryRead(ref reader, out var frame))
        {
            if (!frame.Header.IsCommand)
            {
                _current ??= new Message();
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

                if (TryHandleCommand(frame.CommandBody, out inbound))
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
