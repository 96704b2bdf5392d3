using System.Buffers;
using System.IO.Pipelines;

namespace Zmtp.Protocol;

/// <summary>Greeting and security handshake.</summary>
public sealed partial class ZmtpSession
{
    /// <summary>
    /// Sends our whole greeting at once, validates the peer's, runs the NULL handshake (READY both ways)
    /// and checks socket-type compatibility.
    /// </summary>
    /// <param name="cancellationToken">Cancels the handshake.</param>
    /// <returns>The peer's announcements (also available as <see cref="Peer"/>).</returns>
    /// <exception cref="ZmtpProtocolException">The peer violated the protocol or is incompatible.</exception>
    /// <exception cref="TimeoutException">The handshake did not finish within <see cref="ZmtpSessionOptions.HandshakeTimeout"/>.</exception>
    /// <exception cref="EndOfStreamException">The peer closed the connection during the handshake.</exception>
    public ValueTask<ZmtpPeerInfo> HandshakeAsync(CancellationToken cancellationToken = default)
    {
        if (_handshakeStarted)
        {
            throw new InvalidOperationException("The handshake has already been started.");
        }

        _handshakeStarted = true;
        return HandshakeCoreAsync(cancellationToken);
    }

    private async ValueTask<ZmtpPeerInfo> HandshakeCoreAsync(CancellationToken cancellationToken)
    {
        var limit = _options.HandshakeTimeout;
        using var timeout = limit > TimeSpan.Zero ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : null;
        timeout?.CancelAfter(limit);
        var token = timeout?.Token ?? cancellationToken;
        try
        {
            // Never wait for the peer's greeting before sending ours: libzmq stages its greeting on what it
            // has received, so waiting would deadlock.
            ZmtpGreeting.Write(_output, _mechanism.Name, _mechanism.AsServer);
            await _output.FlushAsync(token).ConfigureAwait(false);

            var greeting = await ReadGreetingAsync(token).ConfigureAwait(false);

            // RFC 23: "If the mechanism does not exactly match, the peer SHALL close the connection";
            // libzmq closes without sending ERROR.
            if (!string.Equals(greeting.Mechanism, _mechanism.Name, StringComparison.Ordinal))
            {
                throw new ZmtpProtocolException(
                    ZmtpProtocolError.MechanismMismatch,
                    $"Peer uses the {greeting.Mechanism} mechanism, we use {_mechanism.Name}.");
            }

            await RunMechanismAsync(token).ConfigureAwait(false);
            var peer = CreatePeerInfo(greeting, _mechanism.PeerMetadata!, out var incompatible);
            if (incompatible is not null)
            {
                // RFC 23: on an invalid socket-type combination a peer SHOULD reply with ERROR and disconnect.
                ZmtpCommandWriter.WriteError(_output, "invalid socket type");
                await _output.FlushAsync(token).ConfigureAwait(false);
                throw new ZmtpProtocolException(ZmtpProtocolError.IncompatibleSocketType, incompatible);
            }

            _frames.CommandsOnly = false;
            _frames.MaxSize = _options.MaxMessageSize;
            _frames.MaxCommandSize = _options.MaxCommandSize;
            _peer = peer;
            return peer;
        }
        catch (OperationCanceledException) when (timeout is not null && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The ZMTP handshake did not complete within {limit}.");
        }
    }

    private async ValueTask<ZmtpGreeting> ReadGreetingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (TryConsumeGreeting(result.Buffer, out var greeting))
            {
                return greeting;
            }

            ThrowIfEnded(result, "greeting");
        }
    }

    private bool TryConsumeGreeting(ReadOnlySequence<byte> buffer, out ZmtpGreeting greeting)
    {
        var reader = new SequenceReader<byte>(buffer);
        var done = false;
        try
        {
            done = ZmtpGreeting.TryParse(ref reader, out greeting);
            return done;
        }
        finally
        {
            _input.AdvanceTo(reader.Position, done ? reader.Position : buffer.End);
        }
    }

    private async ValueTask RunMechanismAsync(CancellationToken cancellationToken)
    {
        // RFC 23 / libzmq: each side sends its READY as soon as it has the peer's greeting.
        if (_mechanism.TryWriteCommand(_output))
        {
            await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        while (_mechanism.Status == ZmtpMechanismStatus.Handshaking)
        {
            var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (ProcessHandshakeInput(result.Buffer))
            {
                await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_mechanism.Status == ZmtpMechanismStatus.Handshaking)
            {
                ThrowIfEnded(result, "security handshake");
            }
        }
    }

    // Feeds whole command frames to the mechanism; stops at READY so messages that follow stay buffered.
    private bool ProcessHandshakeInput(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        var wrote = false;
        try
        {
            while (_mechanism.Status == ZmtpMechanismStatus.Handshaking && _frames.TryRead(ref reader, out var frame))
            {
                try
                {
                    _mechanism.ProcessCommand(frame.Body);
                }
                finally
                {
                    frame.Release();
                }

                wrote |= _mechanism.TryWriteCommand(_output);
            }
        }
        catch
        {
            _frames.Reset();
            throw;
        }
        finally
        {
            var ready = _mechanism.Status == ZmtpMechanismStatus.Ready;
            _input.AdvanceTo(reader.Position, ready ? reader.Position : buffer.End);
        }

        return wrote;
    }

    private ZmtpPeerInfo CreatePeerInfo(ZmtpGreeting greeting, IReadOnlyDictionary<string, byte[]> properties, out string? incompatible)
    {
        incompatible = null;
        ZmtpSocketType? peerType = null;

        // A READY without Socket-Type is accepted, as libzmq does.
        if (properties.TryGetValue(ZmtpMetadata.SocketTypeName, out var typeName))
        {
            if (ZmtpSocketTypes.TryParse(typeName, out var parsed) && ZmtpSocketTypes.IsCompatible(_options.SocketType, parsed))
            {
                peerType = parsed;
            }
            else
            {
                incompatible = $"A {ZmtpSocketTypes.GetName(_options.SocketType)} socket cannot talk to a peer of type '{System.Text.Encoding.Latin1.GetString(typeName)}'.";
            }
        }

        var identity = properties.TryGetValue(ZmtpMetadata.IdentityName, out var id) ? id : [];
        if (identity.Length > 255)
        {
            // RFC 23: an identity is at most 255 octets (a routing id longer than that cannot be addressed).
            throw new ZmtpProtocolException(ZmtpProtocolError.InvalidMetadata, $"The peer's Identity has {identity.Length} octets; at most 255 are allowed.");
        }

        return new ZmtpPeerInfo(greeting.MajorVersion, greeting.MinorVersion, peerType, identity, properties);
    }

    private static void ThrowIfEnded(in ReadResult result, string stage)
    {
        if (result.IsCanceled)
        {
            throw new OperationCanceledException($"Reading the ZMTP {stage} was canceled.");
        }

        if (result.IsCompleted)
        {
            throw new EndOfStreamException($"The peer closed the connection during the ZMTP {stage}.");
        }
    }
}
