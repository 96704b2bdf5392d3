using System.Buffers;

namespace Zmtp.Protocol;

/// <summary>
/// A ZMTP security mechanism as a small I/O-free state machine: the session asks it for the next command
/// to send and hands it every command received until <see cref="Status"/> is
/// <see cref="ZmtpMechanismStatus.Ready"/>. Failures are reported by throwing
/// <see cref="ZmtpProtocolException"/> (for example <see cref="ZmtpProtocolError.PeerError"/> when an ERROR
/// arrives).
/// </summary>
public interface IZmtpMechanism
{
    /// <summary>The mechanism name sent in, and required of, the greeting ("NULL", "PLAIN", "CURVE").</summary>
    string Name { get; }

    /// <summary>The as-server flag of our greeting.</summary>
    bool AsServer { get; }

    /// <summary>The handshake state.</summary>
    ZmtpMechanismStatus Status { get; }

    /// <summary>The peer's metadata, once <see cref="Status"/> is <see cref="ZmtpMechanismStatus.Ready"/>.</summary>
    IReadOnlyDictionary<string, byte[]>? PeerMetadata { get; }

    /// <summary>Writes the next handshake command if it is our turn to send one.</summary>
    /// <param name="output">The destination.</param>
    /// <returns>True when a command was written (the session then flushes).</returns>
    bool TryWriteCommand(IBufferWriter<byte> output);

    /// <summary>Processes one received command frame body (<c>[name-length][name][data]</c>).</summary>
    /// <param name="command">The command body; valid only for the duration of the call.</param>
    void ProcessCommand(ReadOnlySequence<byte> command);
}
