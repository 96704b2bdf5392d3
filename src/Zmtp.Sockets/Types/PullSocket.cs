namespace Zmtp;

/// <summary>
/// PULL (RFC 30): receives from its PUSH peers, fair-queued. Cannot send.
/// </summary>
public sealed class PullSocket : ZmtpSocket
{
    /// <summary>Creates a PULL socket in <see cref="ZmtpContext.Default"/>.</summary>
    public PullSocket()
        : this(ZmtpContext.Default)
    {
    }

    /// <summary>Creates a PULL socket in <paramref name="context"/>.</summary>
    /// <param name="context">The context whose inproc names the socket uses.</param>
    public PullSocket(ZmtpContext context)
        : base(ZmtpSocketType.Pull, context)
    {
    }

    private protected override bool CanSend => false;

    private protected override bool TrySendCore(Message message) =>
        throw NotSupported("A PULL socket cannot send.");
}
