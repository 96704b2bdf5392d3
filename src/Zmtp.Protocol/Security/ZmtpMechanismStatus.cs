namespace Zmtp.Protocol;

/// <summary>Where a security mechanism's handshake stands.</summary>
public enum ZmtpMechanismStatus
{
    /// <summary>Commands still have to be exchanged.</summary>
    Handshaking,

    /// <summary>The handshake is complete; <see cref="IZmtpMechanism.PeerMetadata"/> is available.</summary>
    Ready,
}
