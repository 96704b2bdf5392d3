using Zmtp.Core;
using Zmtp.Routing;

namespace Zmtp;

/// <summary>
/// XSUB (RFC 29): a SUB whose subscriptions are messages the application sends: <c>0x01</c> + prefix to
/// subscribe, <c>0x00</c> + prefix to unsubscribe. Every message from its publishers is delivered, unfiltered.
/// Other messages sent go to every publisher unchanged (as proxies need); a full publisher queue drops.
/// </summary>
public sealed class XSubSocket : ZmtpSocket
{
    private readonly SubscriptionTrie _subscriptions = new();
    private readonly List<Peer> _publishers = [];

    /// <summary>Creates an XSUB socket in <see cref="ZmtpContext.Default"/>.</summary>
    public XSubSocket()
        : this(ZmtpContext.Default)
    {
    }

    /// <summary>Creates an XSUB socket in <paramref name="context"/>.</summary>
    /// <param name="context">The context whose inproc names the socket uses.</param>
    public XSubSocket(ZmtpContext context)
        : base(ZmtpSocketType.XSub, context)
    {
    }

    private protected override bool TrySendCore(Message message)
    {
        lock (Sync)
        {
            ThrowIfDisposed();
            var first = message[0].Span;
            if (message.Count == 1 && first.Length > 0 && first[0] <= 1)
            {
                var topic = first[1..];
                if (first[0] == 1)
                {
                    _subscriptions.Add(topic);
                }
                else if (!_subscriptions.Remove(topic))
                {
                    // libzmq forwards an unsubscribe only when the prefix's count reaches zero.
                    return true;
                }
            }

            // libzmq forwards the application's subscription messages verbatim, as data frames.
            var item = OutboundItem.ForMessage(message);
            foreach (var peer in _publishers)
            {
                peer.TryEnqueue(item);
            }

            return true;
        }
    }

    private protected override bool OnPeerConnected(Peer peer)
    {
        _publishers.Add(peer);

        // A new connection gets each held prefix once, in the form the peer's version expects.
        foreach (var topic in _subscriptions.ToList())
        {
            peer.EnqueueCommand(OutboundKind.Subscribe, topic);
        }

        return true;
    }

    private protected override void OnPeerDisconnected(Peer peer) => _publishers.Remove(peer);
}
