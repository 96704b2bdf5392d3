using Zmtp.Core;

namespace Zmtp.Routing;

/// <summary>
/// Fan-out shared by PUB and XPUB: filters by subscription before queueing and drops for a subscriber at
/// SNDHWM (RFC 29: a publisher SHALL silently drop a message when a subscriber's queue is full).
/// </summary>
internal sealed class Publisher
{
    private readonly object _sync;

    public Publisher(object sync) => _sync = sync;

    public SubscriberRegistry Registry { get; } = new();

    public void Publish(Message message)
    {
        var topic = message[0].Span;
        var item = OutboundItem.ForMessage(message);
        lock (_sync)
        {
            var subscribers = Registry.Subscribers;
            for (var i = 0; i < subscribers.Count; i++)
            {
                var peer = subscribers[i];
                if (SubscriberRegistry.Matches(peer, topic))
                {
                    peer.TryEnqueue(item);
                }
            }
        }
    }

    /// <summary>Applies one subscribe or cancel; returns true when XPUB (deduplicating) reports it.</summary>
    public bool Apply(Peer peer, ReadOnlySpan<byte> topic, bool subscribe, out bool changed)
    {
        lock (_sync)
        {
            if (subscribe)
            {
                Registry.Subscribe(peer, topic, out changed, out var first);
                return first;
            }

            Registry.Unsubscribe(peer, topic, out changed, out var last);
            return last;
        }
    }

    /// <summary>
    /// libzmq tests every frame a subscriber sends: a non-empty frame starting with 1 or 0 is a subscribe or
    /// cancel (ZMTP 3.0 form).
    /// </summary>
    public static bool IsSubscriptionFrame(ReadOnlySpan<byte> frame) => frame.Length > 0 && frame[0] <= 1;
}
