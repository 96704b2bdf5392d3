using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Zmtp.Core;

namespace Zmtp.Routing;

/// <summary>
/// The receive side of a socket (libzmq "fq"): each peer has its own bounded inbox (RCVHWM, so a slow
/// application stops reading that peer's connection), and receivers take one whole message from each peer
/// with something pending in turn. A token is written per message so receivers can wait on one channel; a
/// token is taken only together with a message, so a cancelled wait consumes nothing.
/// </summary>
internal sealed class FairQueue
{
    private readonly Channel<byte> _tokens = Channel.CreateUnbounded<byte>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    private readonly object _sync = new();
    private readonly List<Peer> _peers = [];
    private int _next;

    /// <summary>Makes a peer's inbox part of the rotation.</summary>
    public void Add(Peer peer)
    {
        lock (_sync)
        {
            peer.IsRetired = false;
            if (!_peers.Contains(peer))
            {
                _peers.Add(peer);
            }
        }
    }

    /// <summary>The peer is gone: it leaves the rotation once its inbox is empty (what it sent is still
    /// delivered, as libzmq delivers what a closed pipe held).</summary>
    public void Retire(Peer peer)
    {
        lock (_sync)
        {
            peer.IsRetired = true;
            if (peer.Inbox.Count == 0)
            {
                RemoveAt(_peers.IndexOf(peer));
            }
        }
    }

    /// <summary>Adds a message from <paramref name="peer"/> if its inbox has room.</summary>
    public bool TryWrite(Peer peer, Message message)
    {
        if (!peer.Inbox.TryAdd(message))
        {
            return false;
        }

        _tokens.Writer.TryWrite(0);
        return true;
    }

    /// <summary>Adds a message from <paramref name="peer"/>, waiting while its inbox is at RCVHWM (until it
    /// drains to the low-water mark).</summary>
    public async ValueTask WriteAsync(Peer peer, Message message, CancellationToken cancellationToken)
    {
        while (true)
        {
            var room = peer.Inbox.RoomTask;
            if (TryWrite(peer, message))
            {
                return;
            }

            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until <paramref name="peer"/>'s inbox can take a message.</summary>
    public async ValueTask WaitForRoomAsync(Peer peer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var room = peer.Inbox.RoomTask;
            if (peer.Inbox.HasRoom)
            {
                return;
            }

            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Completes when a message may be waiting; false once the queue is closed.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) =>
        _tokens.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>True when a message may be waiting.</summary>
    public bool HasPending => _tokens.Reader.Count > 0;

    /// <summary>True once <see cref="Close"/> has run.</summary>
    public bool IsClosed => _tokens.Reader.Completion.IsCompleted;

    /// <summary>Takes the next message in fair order.</summary>
    public bool TryTake([NotNullWhen(true)] out Peer? peer, [NotNullWhen(true)] out Message? message)
    {
        lock (_sync)
        {
            while (_tokens.Reader.TryRead(out _))
            {
                for (var i = 0; i < _peers.Count; i++)
                {
                    var index = (_next + i) % _peers.Count;
                    var candidate = _peers[index];
                    if (candidate.Inbox.TryTake(out message))
                    {
                        _next = index + 1;
                        if (candidate.IsRetired && candidate.Inbox.Count == 0)
                        {
                            RemoveAt(index);
                        }
                        else if (_next >= _peers.Count)
                        {
                            _next = 0;
                        }

                        peer = candidate;
                        return true;
                    }
                }

                // A stale token: its message was discarded with its peer. Try the next token.
            }
        }

        peer = null;
        message = null;
        return false;
    }

    /// <summary>Stops the queue and disposes every message still in it.</summary>
    public void Close()
    {
        _tokens.Writer.TryComplete();
        lock (_sync)
        {
            foreach (var peer in _peers)
            {
                peer.Inbox.Clear();
            }

            _peers.Clear();
        }
    }

    private void RemoveAt(int index)
    {
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
}
