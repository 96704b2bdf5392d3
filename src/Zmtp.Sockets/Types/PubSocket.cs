using Zmtp.Core;
using Zmtp.Routing;

namespace Zmtp;

/// <summary>
/// PUB (RFC 29): sends each message to every subscriber holding a prefix of its first frame. Never blocks:
/// a subscriber whose queue is at SNDHWM misses the message. Cannot receive.
/// </summary>
public sealed class PubSocket : ZmtpSocket
{
    private readonly Publisher _publisher;

    /// <summary>Creates a PUB socket.</summary>
    public PubSocket()
        : base(ZmtpSocketType.Pub) => _publisher = new Publisher(Sync);

    private protected override bool CanReceive => false;

    private protected override bool TrySendCore(Message message)
    {
        ThrowIfDisposed();
        _publisher.Publish(message);
        return true;
    }

    internal override void ProcessInbound(Peer peer, Message message, List<Message> deliver)
    {
        // Subscriptions may arrive as ZMTP 3.0 messages; a PUB drops anything else a subscriber sends.
        foreach (var frame in message)
        {
            if (Publisher.IsSubscriptionFrame(frame.Span))
            {
                _publisher.Apply(peer, frame.Span[1..], frame.Span[0] == 1, out _);
            }
        }

        message.Dispose();
    }

    internal override void ProcessSubscription(Peer peer, ReadOnlyMemory<byte> topic, bool subscribe, List<Message> deliver) =>
        _publisher.Apply(peer, topic.Span, subscribe, out _);

    private protected override bool OnPeerConnected(Peer peer)
    {
        _publisher.Registry.Add(peer);
        return true;
    }

    private protected override void OnPeerDisconnected(Peer peer) => _publisher.Registry.Remove(peer);
}
