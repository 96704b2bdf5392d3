namespace Zmtp.Protocol;

/// <summary>Why a ZMTP connection was rejected or abandoned.</summary>
public enum ZmtpProtocolError
{
    /// <summary>The peer's greeting is not a ZMTP 3.x greeting (bad signature, or not ZeroMQ at all).</summary>
    InvalidGreeting,

    /// <summary>The peer speaks a ZMTP version we do not implement (major version below 3).</summary>
    UnsupportedVersion,

    /// <summary>The peer's security mechanism differs from ours.</summary>
    MechanismMismatch,

    /// <summary>A command frame's body is not well formed (truncated name or data).</summary>
    MalformedCommand,

    /// <summary>A command arrived that is not allowed at this point of the handshake.</summary>
    UnexpectedCommand,

    /// <summary>The metadata of a READY (or similar) command is malformed.</summary>
    InvalidMetadata,

    /// <summary>The peer's socket type cannot talk to ours.</summary>
    IncompatibleSocketType,

    /// <summary>The peer sent an ERROR command.</summary>
    PeerError,

    /// <summary>A frame is larger than the configured maximum, or than any buffer could hold.</summary>
    FrameTooLarge,

    /// <summary>A frame header is invalid (for example a command frame with the MORE flag).</summary>
    InvalidFrame,

    /// <summary>A command frame arrived between the frames of one multipart message.</summary>
    CommandInsideMessage,

    /// <summary>A message frame arrived before the security handshake finished.</summary>
    MessageBeforeReady,

    /// <summary>The peer went beyond a limit this side sets (frames per message, properties per READY,
    /// subscriptions): a peer may not make us hold more than the options allow.</summary>
    LimitExceeded,
}
