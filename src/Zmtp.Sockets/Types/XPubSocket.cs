using Zmtp.Core;
using Zmtp.Routing;

namespace Zmtp;

/// <summary>
/// XPUB (RFC 29): a PUB that also receives. Each subscription change reaches the application as a message,
/// <c>0x01</c> + prefix for a subscribe and <c>0x00</c> + prefix for an unsubscribe, reported once across all
/// subscribers (when the first subscriber takes a prefix and when the last one drops it, including by
/// disconnecting). Other messages subscribers send are delivered unchanged.
/// </summary>
public sealed class XPubSocket : ZmtpSocket
{
    private readonly Publisher _publisher;

    /// <summary>Creates an XPUB socket.</summary>
    public XPubSocket()
        : base(ZmtpSocketType.XPub) => _publisher = new Publisher(Sync);

    private protected override bool TrySendCore(Message message)
    {
        ThrowIfDisposed();
        _publisher.Publish(message);
        return true;
    }

    internal override void ProcessInbound(Peer peer, Message message, List<Message> deliver)
    {
        if (message.Count == 1)
        {
            var frame = message[0].Span;
            if (!Publisher.IsSubscriptionFrame(frame) || _publisher.Apply(peer, frame[1..], frame[0] == 1, out _))
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
        foreach (var frame in message)
        {
            var span = frame.Span;
            if (!Publisher.IsSubscriptionFrame(span))
            {
                rest.Add(frame.ToArray());
            }
            else if (_publisher.Apply(peer, span[1..], span[0] == 1, out _))
            {
                deliver.Add(new Message(frame.ToArray()));
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
        if (_publisher.Apply(peer, topic.Span, subscribe, out _))
        {
            deliver.Add(Notification(topic.Span, subscribe));
        }
    }

    private protected override bool OnPeerConnected(Peer peer)
    {
        _publisher.Registry.Add(peer);
        return true;
    }

    private protected override void OnPeerDisconnected(Peer peer)
    {
        // RFC 29: when a subscriber goes away, its subscriptions go with it.
        foreach (var prefix in _publisher.Registry.Remove(peer))
        {
            DeliverNow(peer, Notification(prefix, subscribe: false));
        }
    }

    private static Message Notification(ReadOnlySpan<byte> topic, bool subscribe)
    {
        var body = new byte[topic.Length + 1];
        body[0] = subscribe ? (byte)1 : (byte)0;
        topic.CopyTo(body.AsSpan(1));
        return new Message(body);
    }
}
