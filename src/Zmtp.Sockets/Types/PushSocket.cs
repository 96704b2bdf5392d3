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

    /// <summary>Creates a PUSH socket.</summary>
    public PushSocket()
        : base(ZmtpSocketType.Push)
    {
    }

    private protected override bool CanReceive => false;

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

    private protected override void OnPeerAdded(Peer peer) => _balancer.Add(peer);

    private protected override void OnPeerRemoved(Peer peer) => _balancer.Remove(peer);
}
