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

    /// <summary>Creates a PAIR socket.</summary>
    public PairSocket()
        : base(ZmtpSocketType.Pair)
    {
    }

    private protected override bool SendWouldNotWait
    {
        get
        {
            lock (Sync)
            {
                return _balancer.HasRoom;
            }
        }
    }

    private protected override bool TrySendCore(Message message)
    {
        lock (Sync)
        {
            ThrowIfDisposed();
            return _balancer.TryEnqueue(OutboundItem.ForMessage(message)) is not null;
        }
    }

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
