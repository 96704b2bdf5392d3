using Zmtp.Core;
using Zmtp.Routing;

namespace Zmtp;

/// <summary>
/// DEALER (RFC 28): sends round-robin to peers with room (waiting when all are full), receives fair-queued,
/// and never touches message content. Talking to a REP, add the empty delimiter frame yourself.
/// </summary>
public sealed class DealerSocket : ZmtpSocket
{
    private readonly LoadBalancer _balancer = new();

    /// <summary>Creates a DEALER socket in <see cref="ZmtpContext.Default"/>.</summary>
    public DealerSocket()
        : this(ZmtpContext.Default)
    {
    }

    /// <summary>Creates a DEALER socket in <paramref name="context"/>.</summary>
    /// <param name="context">The context whose inproc names the socket uses.</param>
    public DealerSocket(ZmtpContext context)
        : base(ZmtpSocketType.Dealer, context)
    {
    }

    private protected override bool SendWouldNotWait => BalancedHasRoom(_balancer);

    private protected override bool TrySendCore(Message message) => TrySendBalanced(_balancer, message);

    private protected override void OnPeerAdded(Peer peer)
    {
        _balancer.Add(peer);
        if (Options.ProbeRouter)
        {
            // PROBE_ROUTER: an empty message first, so a ROUTER peer learns this peer's id at once.
            peer.TryEnqueue(OutboundItem.ForMessage(new Message(ReadOnlyMemory<byte>.Empty)));
        }
    }

    private protected override void OnPeerRemoved(Peer peer) => _balancer.Remove(peer);
}
