using Zmtp.Core;
using Zmtp.Routing;

namespace Zmtp;

/// <summary>
/// PUSH (RFC 30): sends each message to one PULL peer in turn; waits when every peer is at SNDHWM or there is
/// no peer. Cannot receive.
/// </summary>
public sealed class PushSocket : ZmtpSocket
{
    private readonly LoadBalancer _balancer = new();

    /// <summary>Creates a PUSH socket in <see cref="ZmtpContext.Default"/>.</summary>
    public PushSocket()
        : this(ZmtpContext.Default)
    {
    }

    /// <summary>Creates a PUSH socket in <paramref name="context"/>.</summary>
    /// <param name="context">The context whose inproc names the socket uses.</param>
    public PushSocket(ZmtpContext context)
        : base(ZmtpSocketType.Push, context)
    {
    }

    private protected override bool CanReceive => false;

    private protected override bool SendWouldNotWait => BalancedHasRoom(_balancer);

    private protected override bool TrySendCore(Message message) => TrySendBalanced(_balancer, message);

    private protected override void OnPeerAdded(Peer peer) => _balancer.Add(peer);

    private protected override void OnPeerRemoved(Peer peer) => _balancer.Remove(peer);
}
