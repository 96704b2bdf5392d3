using System.Buffers;

namespace Zmtp.Protocol;

/// <summary>
/// The NULL mechanism: each side sends READY with its metadata and reads the peer's READY.
/// RFC 23 (and libzmq): symmetric, each peer sends READY before waiting for the other's.
/// </summary>
public sealed class ZmtpNullMechanism : IZmtpMechanism
{
    private readonly IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> _metadata;
    private readonly int _maxPeerProperties;
    private bool _readySent;
    private IReadOnlyDictionary<string, byte[]>? _peerMetadata;

    /// <summary>Creates the mechanism.</summary>
    /// <param name="metadata">Our READY properties, in wire order.</param>
    public ZmtpNullMechanism(IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> metadata)
        : this(metadata, -1)
    {
    }

    /// <summary>Creates the mechanism, accepting at most <paramref name="maxPeerProperties"/> properties in
    /// the peer's READY.</summary>
    /// <param name="metadata">Our READY properties, in wire order.</param>
    /// <param name="maxPeerProperties">The most properties the peer's READY may carry (-1: no limit).</param>
    public ZmtpNullMechanism(IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> metadata, int maxPeerProperties)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        _metadata = metadata;
        _maxPeerProperties = maxPeerProperties;
    }

    /// <inheritdoc />
    public string Name => "NULL";

    /// <inheritdoc />
    /// <remarks>RFC 23: as-server MUST be zero for NULL.</remarks>
    public bool AsServer => false;

    /// <inheritdoc />
    public ZmtpMechanismStatus Status =>
        _readySent && _peerMetadata is not null ? ZmtpMechanismStatus.Ready : ZmtpMechanismStatus.Handshaking;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, byte[]>? PeerMetadata => _peerMetadata;

    /// <inheritdoc />
    public bool TryWriteCommand(IBufferWriter<byte> output)
    {
        if (_readySent)
        {
            return false;
        }

        ZmtpCommandWriter.WriteReady(output, _metadata);
        _readySent = true;
        return true;
    }

    /// <inheritdoc />
    public void ProcessCommand(ReadOnlySequence<byte> command)
    {
        var reader = new SequenceReader<byte>(command);
        switch (ZmtpCommandReader.ReadName(ref reader))
        {
            case ZmtpCommandKind.Ready when _peerMetadata is null:
                _peerMetadata = ZmtpMetadata.Read(ref reader, _maxPeerProperties);
                break;
            case ZmtpCommandKind.Error:
                var reason = ZmtpCommandReader.ReadErrorReason(ref reader);
                throw new ZmtpProtocolException(ZmtpProtocolError.PeerError, $"Peer sent ERROR: \"{reason}\".");
            default:
                // libzmq: during the handshake an unexpected command is a protocol error.
                throw new ZmtpProtocolException(ZmtpProtocolError.UnexpectedCommand, "Unexpected command during the NULL handshake.");
        }
    }
}
