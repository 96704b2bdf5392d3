using Zmtp.Core;

namespace Zmtp.Routing;

/// <summary>
/// Round-robin over peers with room (libzmq "lb"): each whole message goes to the next peer whose queue is
/// below SNDHWM; full peers are skipped; when every peer is full (or there is none) the send must wait.
/// Not thread-safe: the owning socket calls it under its lock.
/// </summary>
internal sealed class LoadBalancer
{
    private readonly List<Peer> _peers = [];
    private int _next;

    public int Count => _peers.Count;

    /// <summary>True when some peer can take a message now.</summary>
    public bool HasRoom
    {
        get
        {
            foreach (var peer in _peers)
            {
                if (peer.HasRoom)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public void Add(Peer peer) => _peers.Add(peer);

    public void Remove(Peer peer)
    {
        var index = _peers.IndexOf(peer);
        if (index < 0)
        {
            return;
        }

        _peers.RemoveAt(index);
        if (_next > index)
        {
            _next--;
        }

        if (_next >= _peers.Count)
        {
            _next = 0;
        }
    }

    /// <summary>Queues the item to the next peer with room; null when every peer is full.</summary>
    public Peer? TryEnqueue(in OutboundItem item)
    {
        var count = _peers.Count;
        var index = _next < count ? _next : 0;
        for (var i = 0; i < count; i++, index = index + 1 == count ? 0 : index + 1)
        {
            var peer = _peers[index];
            if (peer.TryEnqueue(item))
            {
                _next = index + 1 == count ? 0 : index + 1;
                return peer;
            }
        }

        return null;
    }

    /// <summary>Queues the item to the next connected peer with room other than <paramref name="excluded"/>.</summary>
    public Peer? TryEnqueueConnected(in OutboundItem item, Peer? excluded)
    {
        var count = _peers.Count;
        var index = _next < count ? _next : 0;
        for (var i = 0; i < count; i++, index = index + 1 == count ? 0 : index + 1)
        {
            var peer = _peers[index];
            if (peer != excluded && peer.IsConnected && peer.TryEnqueue(item))
            {
                _next = index + 1 == count ? 0 : index + 1;
                return peer;
            }
        }

        return null;
    }
}
