using System.Text;
using Zmtp.Core;
using Zmtp.Routing;

namespace Zmtp;

/// <summary>
/// SUB (RFC 29): receives, fair-queued, the messages whose first frame starts with one of its subscribed
/// prefixes. It starts with no subscription (receives nothing). Cannot send.
/// </summary>
public sealed class SubSocket : ZmtpSocket
{
    private readonly SubscriptionTrie _subscriptions = new();
    private readonly List<Peer> _publishers = [];

    /// <summary>Creates a SUB socket in <see cref="ZmtpContext.Default"/>.</summary>
    public SubSocket()
        : this(ZmtpContext.Default)
    {
    }

    /// <summary>Creates a SUB socket in <paramref name="context"/>.</summary>
    /// <param name="context">The context whose inproc names the socket uses.</param>
    public SubSocket(ZmtpContext context)
        : base(ZmtpSocketType.Sub, context)
    {
    }

    private protected override bool CanSend => false;

    /// <summary>Subscribes to messages whose first frame starts with <paramref name="prefix"/> (empty: all).
    /// Subscriptions are counted: subscribing twice needs two unsubscribes.</summary>
    /// <param name="prefix">The byte prefix.</param>
    public void Subscribe(ReadOnlySpan<byte> prefix)
    {
        ThrowIfDisposed();
        var topic = prefix.ToArray();
        lock (Sync)
        {
            _subscriptions.Add(topic);

            // libzmq sends every subscribe upstream, duplicates included (socket-semantics.md 2.9).
            foreach (var peer in _publishers)
            {
                peer.EnqueueCommand(OutboundKind.Subscribe, topic);
            }
        }
    }

    /// <summary>Subscribes to messages whose first frame starts with the UTF-8 bytes of <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The text prefix (empty: all).</param>
    public void Subscribe(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        Subscribe(Encoding.UTF8.GetBytes(prefix));
    }

    /// <summary>Removes one subscription to <paramref name="prefix"/>; unknown prefixes are ignored.</summary>
    /// <param name="prefix">The byte prefix.</param>
    public void Unsubscribe(ReadOnlySpan<byte> prefix)
    {
        ThrowIfDisposed();
        var topic = prefix.ToArray();
        lock (Sync)
        {
            // A cancel goes upstream only when the local count reaches zero.
            if (!_subscriptions.Remove(topic))
            {
                return;
            }

            foreach (var peer in _publishers)
            {
                peer.EnqueueCommand(OutboundKind.Cancel, topic);
            }
        }
    }

    /// <summary>Removes one subscription to the UTF-8 bytes of <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The text prefix.</param>
    public void Unsubscribe(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        Unsubscribe(Encoding.UTF8.GetBytes(prefix));
    }

    private protected override bool TrySetSubscription(ReadOnlySpan<byte> topic, bool subscribe)
    {
        if (subscribe)
        {
            Subscribe(topic);
        }
        else
        {
            Unsubscribe(topic);
        }

        return true;
    }

    private protected override bool TrySendCore(Message message) =>
        throw NotSupported("A SUB socket cannot send; use an XSUB socket to send subscriptions as messages.");

    internal override void ProcessInbound(Peer peer, Message message, List<Message> deliver)
    {
        bool matches;
        lock (Sync)
        {
            // The SUB filters too, whatever the publisher sent (socket-semantics.md 3.9).
            matches = _subscriptions.Matches(message[0].Span) != Options.InvertMatching;
        }

        if (matches)
        {
            deliver.Add(message);
        }
        else
        {
            message.Dispose();
        }
    }

    private protected override bool OnPeerConnected(Peer peer)
    {
        _publishers.Add(peer);

        // Every new connection gets each held prefix once.
        foreach (var topic in _subscriptions.ToList())
        {
            peer.EnqueueCommand(OutboundKind.Subscribe, topic);
        }

        return true;
    }

    private protected override void OnPeerDisconnected(Peer peer) => _publishers.Remove(peer);
}
