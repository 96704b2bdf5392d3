using Zmtp.Core;
using Zmtp.Routing;

namespace Zmtp;

/// <summary>
/// PUB (RFC 29): sends each message to every subscriber holding a prefix of its first frame. Never blocks:
/// a subscriber whose queue is at SNDHWM misses the message (unless <see cref="SocketOptions.XPubNoDrop"/>).
/// Cannot receive.
/// </summary>
public sealed class PubSocket : ZmtpSocket
{
    private readonly Publisher _publisher;

    /// <summary>Creates a PUB socket in <see cref="ZmtpContext.Default"/>.</summary>
    public PubSocket()
        : this(ZmtpContext.Default)
    {
    }

    /// <summary>Creates a PUB socket in <paramref name="context"/>.</summary>
    /// <param name="context">The context whose inproc names the socket uses.</param>
    public PubSocket(ZmtpContext context)
        : base(ZmtpSocketType.Pub, context) => _publisher = new Publisher(Sync, Options);

    private protected override bool CanReceive => false;

    private protected override bool SendWouldNotWait => !Options.XPubNoDrop || _publisher.AllHaveRoom();

    private protected override bool TrySendCore(Message message)
    {
        ThrowIfDisposed();
        return _publisher.TryPublish(message);
    }

    internal override void ProcessInbound(Peer peer, Message message, List<Message> deliver)
    {
        // Subscriptions may arrive as ZMTP 3.0 messages; a PUB drops anything else a subscriber sends.
        for (var i = 0; i < message.Count; i++)
        {
            var frame = message[i].Span;
            if (_publisher.IsSubscriptionFrame(frame, i))
            {
                _publisher.Apply(peer, frame[1..], frame[0] == 1);
            }
        }

        message.Dispose();
    }

    internal override void ProcessSubscription(Peer peer, ReadOnlyMemory<byte> topic, bool subscribe, List<Message> deliver) =>
        _publisher.Apply(peer, topic.Span, subscribe);

    private protected override bool OnPeerConnected(Peer peer)
    {
        _publisher.Registry.Add(peer);
        return true;
    }

    private protected override void OnPeerDisconnected(Peer peer) => _publisher.Registry.Remove(peer);
}
