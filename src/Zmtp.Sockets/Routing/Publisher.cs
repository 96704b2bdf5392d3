using Zmtp.Core;

namespace Zmtp.Routing;

/// <summary>
/// Fan-out shared by PUB and XPUB: filters by subscription before queueing and drops for a subscriber at
/// SNDHWM (RFC 29: a publisher SHALL silently drop a message when a subscriber's queue is full), unless
/// XPUB_NODROP asks the send to wait instead.
/// </summary>
internal sealed class Publisher
{
    private readonly Lock _sync;
    private readonly SocketOptions _options;

    public Publisher(Lock sync, SocketOptions options)
    {
        _sync = sync;
        _options = options;
    }

    public SubscriberRegistry Registry { get; } = new();

    /// <summary>Queues the message for every matching subscriber; false when XPUB_NODROP must wait.</summary>
    public bool TryPublish(Message message)
    {
        var topic = message[0].Span;
        var item = OutboundItem.ForMessage(message);
        var invert = _options.InvertMatching;
        lock (_sync)
        {
            var subscribers = Registry.Subscribers;
            if (_options.XPubNoDrop)
            {
                // All or nothing: a full matching subscriber makes the whole send wait.
                for (var i = 0; i < subscribers.Count; i++)
                {
                    var peer = subscribers[i];
                    if (SubscriberRegistry.Matches(peer, topic) != invert && !peer.HasRoom)
                    {
                        return false;
                    }
                }
            }

            for (var i = 0; i < subscribers.Count; i++)
            {
                var peer = subscribers[i];
                if (SubscriberRegistry.Matches(peer, topic) != invert)
                {
                    peer.TryEnqueue(item);
                }
            }

            return true;
        }
    }

    /// <summary>True when every matching subscriber has room (XPUB_NODROP's POLLOUT).</summary>
    public bool AllHaveRoom()
    {
        lock (_sync)
        {
            foreach (var peer in Registry.Subscribers)
            {
                if (!peer.HasRoom)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Applies one subscribe or cancel. Returns whether XPUB reports it: by default only the first
    /// subscribe and the last cancel of a prefix over all subscribers; XPUB_VERBOSE reports every subscribe,
    /// XPUB_VERBOSER every cancel too.</summary>
    public bool Apply(Peer peer, ReadOnlySpan<byte> topic, bool subscribe)
    {
        lock (_sync)
        {
            if (subscribe)
            {
                Registry.Subscribe(peer, topic, _options.MaxSubscriptionsPerPeer, _options.MaxSubscriptionBytesPerPeer, out _, out var first);
                return first || _options.XPubVerbose || _options.XPubVerboser;
            }

            Registry.Unsubscribe(peer, topic, out _, out var last);
            return last || _options.XPubVerboser;
        }
    }

    /// <summary>
    /// libzmq tests every frame a subscriber sends (only the first with ONLY_FIRST_SUBSCRIBE): a non-empty
    /// frame starting with 1 or 0 is a subscribe or cancel (ZMTP 3.0 form).
    /// </summary>
    public bool IsSubscriptionFrame(ReadOnlySpan<byte> frame, int index) =>
        frame.Length > 0 && frame[0] <= 1 && (index == 0 || !_options.OnlyFirstSubscribe);

    /// <summary>The subscribe (0x01) or cancel (0x00) message for a prefix, as XPUB delivers it.</summary>
    public static Message Notification(ReadOnlySpan<byte> topic, bool subscribe)
    {
        var body = new byte[topic.Length + 1];
        body[0] = subscribe ? (byte)1 : (byte)0;
        topic.CopyTo(body.AsSpan(1));
        return new Message(body);
    }
}
