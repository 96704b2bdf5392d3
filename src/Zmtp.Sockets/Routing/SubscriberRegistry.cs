using Zmtp.Protocol;
using Zmtp.Core;

namespace Zmtp.Routing;

/// <summary>
/// The publisher side of subscriptions (libzmq's mtrie): for each connected subscriber the set of prefixes it
/// holds (a second SUBSCRIBE of a prefix from the same peer adds nothing; one CANCEL removes it), plus how many
/// subscribers hold each prefix, which XPUB needs to report a prefix once. Not thread-safe.
/// </summary>
internal sealed class SubscriberRegistry
{
    private readonly List<Peer> _subscribers = [];
    private readonly SubscriptionTrie _holders = new();

    public IReadOnlyList<Peer> Subscribers => _subscribers;

    public void Add(Peer peer)
    {
        peer.PatternState = new SubscriptionTrie();
        _subscribers.Add(peer);
    }

    /// <summary>Forgets a subscriber; returns the prefixes no subscriber holds any more.</summary>
    public List<byte[]> Remove(Peer peer)
    {
        var gone = new List<byte[]>();
        if (!_subscribers.Remove(peer) || peer.PatternState is not SubscriptionTrie own)
        {
            return gone;
        }

        foreach (var prefix in own.ToList())
        {
            if (_holders.Remove(prefix))
            {
                gone.Add(prefix);
            }
        }

        peer.PatternState = null;
        return gone;
    }

    /// <summary>Records a subscription. <paramref name="added"/>: new for this peer;
    /// <paramref name="first"/>: no other subscriber held it.</summary>
    /// <param name="peer">The subscriber.</param>
    /// <param name="prefix">The prefix.</param>
    /// <param name="maxCount">The most distinct prefixes one peer may hold (-1: no limit).</param>
    /// <param name="maxBytes">The most octets of prefixes one peer may hold (-1: no limit).</param>
    /// <param name="added">True when the prefix is new for this peer.</param>
    /// <param name="first">True when no other subscriber held it.</param>
    /// <exception cref="ZmtpProtocolException">The peer would exceed a limit: it is disconnected, as a
    /// peer breaking MAXMSGSIZE is.</exception>
    public void Subscribe(Peer peer, ReadOnlySpan<byte> prefix, int maxCount, long maxBytes, out bool added, out bool first)
    {
        added = first = false;
        if (peer.PatternState is not SubscriptionTrie own || own.Contains(prefix))
        {
            return;
        }

        if ((maxCount >= 0 && own.Count >= maxCount) || (maxBytes >= 0 && own.PrefixBytes + prefix.Length > maxBytes))
        {
            throw new ZmtpProtocolException(
                ZmtpProtocolError.LimitExceeded,
                $"The subscriber would hold more than {maxCount} subscriptions or {maxBytes} octets of them.");
        }

        own.Add(prefix);
        added = true;
        first = _holders.Add(prefix);
    }

    /// <summary>Records a cancel. <paramref name="removed"/>: the peer held it;
    /// <paramref name="last"/>: no subscriber holds it any more.</summary>
    public void Unsubscribe(Peer peer, ReadOnlySpan<byte> prefix, out bool removed, out bool last)
    {
        removed = last = false;
        if (peer.PatternState is not SubscriptionTrie own || !own.Contains(prefix))
        {
            return;
        }

        own.Remove(prefix);
        removed = true;
        last = _holders.Remove(prefix);
    }

    /// <summary>True if the subscriber holds a prefix of <paramref name="topic"/>.</summary>
    public static bool Matches(Peer peer, ReadOnlySpan<byte> topic) =>
        peer.PatternState is SubscriptionTrie own && own.Matches(topic);
}
