namespace Zmtp;

/// <summary>
/// PULL (RFC 30): receives from its PUSH peers, fair-queued. Cannot send.
/// </summary>
public sealed class PullSocket : ZmtpSocket
{
    /// <summary>Creates a PULL socket.</summary>
    public PullSocket()
        : base(ZmtpSocketType.Pull)
    {
    }

    private protected override bool CanSend => false;

    private protected override bool TrySendCore(Message message) =>
        throw NotSupported("A PULL socket cannot send.");
}
