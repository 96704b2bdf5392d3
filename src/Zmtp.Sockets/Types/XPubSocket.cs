using System.Text;
using Zmtp.Core;
using Zmtp.Routing;

namespace Zmtp;

/// <summary>
/// XPUB (RFC 29): a PUB that also receives. Each subscription change reaches the application as a message,
/// <c>0x01</c> + prefix for a subscribe and <c>0x00</c> + prefix for an unsubscribe, reported once across all
/// subscribers (when the first subscriber takes a prefix and when the last one drops it, including by
/// disconnecting) unless <see cref="SocketOptions.XPubVerbose"/>/<see cref="SocketOptions.XPubVerboser"/>.
/// Other messages subscribers send are delivered unchanged.
/// </summary>
public sealed class XPubSocket : ZmtpSocket
{
    private readonly Publisher _publisher;
    private Peer? _lastSubscriber;

    /// <summary>Creates an XPUB socket in <see cref="ZmtpContext.Default"/>.</summary>
    public XPubSocket()
        : this(ZmtpContext.Default)
    {
    }

    /// <summary>Creates an XPUB socket in <paramref name="context"/>.</summary>
    /// <param name="context">The context whose inproc names the socket uses.</param>
    public XPubSocket(ZmtpContext context)
        : base(ZmtpSocketType.XPub, context) => _publisher = new Publisher(Sync, Options);

    private protected override bool SendWouldNotWait => !Options.XPubNoDrop || _publisher.AllHaveRoom();

    /// <summary>With <see cref="SocketOptions.XPubManual"/>: subscribes the peer whose subscription message
    /// was received last to <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The byte prefix.</param>
    public void Subscribe(ReadOnlySpan<byte> prefix) => ApplyManual(prefix, subscribe: true);

    /// <summary>With <see cref="SocketOptions.XPubManual"/>: subscribes the last subscribing peer to the
    /// UTF-8 bytes of <paramref name="prefix"/>.</summary>
    /// <param name="prefix">The text prefix.</param>
    public void Subscribe(string prefix) => Subscribe(Encoding.UTF8.GetBytes(prefix));

    /// <summary>With <see cref="SocketOptions.XPubManual"/>: removes <paramref name="prefix"/> from the peer
    /// whose subscription message was received last.</summary>
    /// <param name="prefix">The byte prefix.</param>
    public void Unsubscribe(ReadOnlySpan<byte> prefix) => ApplyManual(prefix, subscribe: false);

    /// <summary>With <see cref="SocketOptions.XPubManual"/>: removes the UTF-8 bytes of
    /// <paramref name="prefix"/> from the last subscribing peer.</summary>
    /// <param name="prefix">The text prefix.</param>
    public void Unsubscribe(string prefix) => Unsubscribe(Encoding.UTF8.GetBytes(prefix));

    private protected override bool TrySetSubscription(ReadOnlySpan<byte> topic, bool subscribe)
    {
        ApplyManual(topic, subscribe);
        return true;
    }

    private protected override bool TrySendCore(Message message)
    {
        ThrowIfDisposed();
        return _publisher.TryPublish(message);
    }

    internal override void ProcessInbound(Peer peer, Message message, List<Message> deliver)
    {
        if (message.Count == 1)
        {
            var frame = message[0].Span;
            if (!_publisher.IsSubscriptionFrame(frame, 0) || Report(peer, frame[1..], frame[0] == 1))
            {
                deliver.Add(message);
            }
            else
            {
                message.Dispose();
            }

            return;
        }

        // libzmq tests every frame of a multipart message: report each subscription frame on its own and
        // deliver what is left, if anything.
        var rest = new Message();
        for (var i = 0; i < message.Count; i++)
        {
            var span = message[i].Span;
            if (!_publisher.IsSubscriptionFrame(span, i))
            {
                rest.Add(span.ToArray());
            }
            else if (Report(peer, span[1..], span[0] == 1))
            {
                deliver.Add(new Message(span.ToArray()));
            }
        }

        message.Dispose();
        if (rest.Count > 0)
        {
            deliver.Add(rest);
        }
    }

    internal override void ProcessSubscription(Peer peer, ReadOnlyMemory<byte> topic, bool subscribe, List<Message> deliver)
    {
        if (Report(peer, topic.Span, subscribe))
        {
            deliver.Add(Publisher.Notification(topic.Span, subscribe));
        }
    }

    private protected override bool OnPeerConnected(Peer peer)
    {
        _publisher.Registry.Add(peer);
        if (Options.XPubWelcomeMessage is { } welcome)
        {
            peer.TryEnqueue(OutboundItem.ForMessage(new Message(welcome)));
        }

        return true;
    }

    private protected override void OnPeerDisconnected(Peer peer)
    {
        if (_lastSubscriber == peer)
        {
            _lastSubscriber = null;
        }

        // RFC 29: when a subscriber goes away, its subscriptions go with it.
        foreach (var prefix in _publisher.Registry.Remove(peer))
        {
            DeliverNow(peer, Publisher.Notification(prefix, subscribe: false));
        }
    }

    /// <summary>Applies a subscription (unless manual) and says whether the application hears of it.</summary>
    private bool Report(Peer peer, ReadOnlySpan<byte> topic, bool subscribe)
    {
        if (Options.XPubManual)
        {
            // XPUB_MANUAL: every subscription goes to the application, which applies it itself.
            lock (Sync)
            {
                _lastSubscriber = peer;
            }

            return true;
        }

        return _publisher.Apply(peer, topic, subscribe);
    }

    private void ApplyManual(ReadOnlySpan<byte> prefix, bool subscribe)
    {
        ThrowIfDisposed();
        Peer? peer;
        lock (Sync)
        {
            peer = _lastSubscriber;
        }

        if (peer is not null)
        {
            _publisher.Apply(peer, prefix, subscribe);
        }
    }
}
