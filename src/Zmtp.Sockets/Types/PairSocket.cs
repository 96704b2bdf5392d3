using Zmtp.Core;
using Zmtp.Routing;

namespace Zmtp;

/// <summary>
/// PAIR (RFC 31): one peer only, both directions, no routing. A second connection is refused while the first
/// exists, as libzmq does. Sends wait while there is no peer or its queue is full.
/// </summary>
public sealed class PairSocket : ZmtpSocket
{
    private readonly LoadBalancer _balancer = new();
    private Peer? _connected;

    /// <summary>Creates a PAIR socket in <see cref="ZmtpContext.Default"/>.</summary>
    public PairSocket()
        : this(ZmtpContext.Default)
    {
    }

    /// <summary>Creates a PAIR socket in <paramref name="context"/>.</summary>
    /// <param name="context">The context whose inproc names the socket uses.</param>
    public PairSocket(ZmtpContext context)
        : base(ZmtpSocketType.Pair, context)
    {
    }

    private protected override bool SendWouldNotWait => BalancedHasRoom(_balancer);

    private protected override bool TrySendCore(Message message) => TrySendBalanced(_balancer, message);

    private protected override bool OnPeerConnected(Peer peer)
    {
        if (_connected is not null && _connected != peer)
        {
            return false;
        }

        _connected = peer;
        return true;
    }

    private protected override void OnPeerDisconnected(Peer peer)
    {
        if (_connected == peer)
        {
            _connected = null;
        }
    }

    private protected override void OnPeerAdded(Peer peer) => _balancer.Add(peer);

    private protected override void OnPeerRemoved(Peer peer) => _balancer.Remove(peer);
}
