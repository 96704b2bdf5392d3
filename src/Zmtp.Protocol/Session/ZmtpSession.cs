using System.Buffers;
using System.IO.Pipelines;

namespace Zmtp.Protocol;

/// <summary>
/// One ZMTP 3.x connection over a duplex pipe: greeting, NULL security handshake, then whole messages and
/// commands. One task may read (<see cref="ReadAsync"/>) while another writes (the Write methods and
/// <see cref="FlushAsync"/>); neither side may be used by two tasks at once. The caller owns the pipe
/// and completes it.
/// </summary>
public sealed partial class ZmtpSession
{
    private readonly PipeReader _input;
    private readonly PipeWriter _output;

    // After the handshake every write goes through this, so frames reach the pipe in chunks.
    private readonly OutputBatcher _batcher;
    private readonly ZmtpSessionOptions _options;
    private readonly IZmtpMechanism _mechanism;
    private readonly ZmtpFrameReader _frames;
    private ZmtpPeerInfo? _peer;
    private Message? _current;
    private bool _handshakeStarted;

    /// <summary>Creates a session; nothing is sent until <see cref="HandshakeAsync"/>.</summary>
    /// <param name="connection">The connection's pipes.</param>
    /// <param name="options">Session options.</param>
    public ZmtpSession(IDuplexPipe connection, ZmtpSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        _input = connection.Input;
        _output = connection.Output;
        _batcher = new OutputBatcher(_output);
        _options = options;
        _mechanism = new ZmtpNullMechanism(BuildMetadata(options), options.MaxMetadataProperties);

        // Before the handshake a peer is unknown: whatever MAXMSGSIZE allows later, a handshake command is
        // bounded (libzmq's READY is under a hundred octets).
        var handshakeLimit = options.MaxMessageSize is >= 0 and < MaxHandshakeCommandSize ? options.MaxMessageSize : MaxHandshakeCommandSize;
        _frames = new ZmtpFrameReader(handshakeLimit, handshakeLimit) { CommandsOnly = true };
    }

    /// <summary>The largest command accepted during the handshake, in octets: far above what libzmq sends,
    /// far below what an unauthenticated peer could otherwise make us buffer.</summary>
    public const int MaxHandshakeCommandSize = 64 * 1024;

    /// <summary>The peer's announcements; set once <see cref="HandshakeAsync"/> has succeeded.</summary>
    public ZmtpPeerInfo? Peer => _peer;

    /// <summary>
    /// Writes every frame of <paramref name="message"/> (MORE on all but the last; long size only above 255
    /// octets) into the output. Does not flush.
    /// </summary>
    /// <param name="message">The message, with at least one frame.</param>
    public void WriteMessage(Message message)
    {
        EnsureReady();
        ZmtpFrameWriter.WriteMessage(_batcher, message);
    }

    /// <summary>
    /// Writes a subscription: a SUBSCRIBE/CANCEL command when the peer speaks ZMTP 3.1, else (RFC 23) a
    /// message frame <c>01</c>/<c>00</c> followed by the topic. Does not flush.
    /// </summary>
    /// <param name="topic">The topic prefix.</param>
    /// <param name="subscribe">True to subscribe, false to cancel.</param>
    public void WriteSubscription(ReadOnlySpan<byte> topic, bool subscribe)
    {
        var peer = EnsureReady();
        if (peer.UsesSubscriptionCommands)
        {
            if (subscribe)
            {
                ZmtpCommandWriter.WriteSubscribe(_batcher, topic);
            }
            else
            {
                ZmtpCommandWriter.WriteCancel(_batcher, topic);
            }

            return;
        }

        ZmtpFrameWriter.WriteHeader(_batcher, ZmtpFrameFlags.None, 1L + topic.Length);
        var span = _batcher.GetSpan(1);
        span[0] = subscribe ? (byte)1 : (byte)0;
        _batcher.Advance(1);
        _batcher.Write(topic);
    }

    /// <summary>Writes a PING command. Does not flush.</summary>
    /// <param name="ttlDeciseconds">TTL hint in tenths of a second (0 = none).</param>
    /// <param name="context">At most 16 octets.</param>
    public void WritePing(ushort ttlDeciseconds, ReadOnlySpan<byte> context)
    {
        EnsureReady();
        ZmtpCommandWriter.WritePing(_batcher, ttlDeciseconds, context);
    }

    /// <summary>Writes a PONG echoing the PING context, cut to 16 octets. Does not flush.</summary>
    /// <param name="context">The PING's context.</param>
    public void WritePong(ReadOnlySpan<byte> context)
    {
        EnsureReady();
        ZmtpCommandWriter.WritePong(_batcher, context);
    }

    /// <summary>Flushes everything written so far to the connection.</summary>
    /// <param name="cancellationToken">Cancels the flush.</param>
    /// <returns>The pipe's flush result.</returns>
    public ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        _batcher.Commit();
        return _output.FlushAsync(cancellationToken);
    }

    internal static List<KeyValuePair<string, ReadOnlyMemory<byte>>> BuildMetadata(ZmtpSessionOptions options)
    {
        // libzmq order: Socket-Type, then Identity only for REQ/DEALER/ROUTER, then application properties.
        var metadata = new List<KeyValuePair<string, ReadOnlyMemory<byte>>>
        {
            new(ZmtpMetadata.SocketTypeName, System.Text.Encoding.ASCII.GetBytes(ZmtpSocketTypes.GetName(options.SocketType))),
        };
        if (ZmtpSocketTypes.SendsIdentity(options.SocketType))
        {
            if (options.RoutingId.Length > 255)
            {
                throw new ArgumentException("A routing id has at most 255 octets.", nameof(options));
            }

            metadata.Add(new(ZmtpMetadata.IdentityName, options.RoutingId));
        }

        if (options.Metadata is { } extra)
        {
            foreach (var (name, value) in extra)
            {
                if (!ZmtpMetadata.IsValidName(name) || !name.StartsWith("X-", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ArgumentException($"Application metadata names must be valid and start with \"X-\": '{name}'.", nameof(options));
                }

                metadata.Add(new(name, value ?? []));
            }
        }

        return metadata;
    }

    private ZmtpPeerInfo EnsureReady() =>
        _peer ?? throw new InvalidOperationException("The ZMTP handshake has not completed.");
}
