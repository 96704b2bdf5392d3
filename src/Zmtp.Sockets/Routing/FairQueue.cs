using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Zmtp.Core;

namespace Zmtp.Routing;

/// <summary>
/// The receive side of a socket (libzmq "fq"): each peer has its own inbox (RCVHWM, so a slow application
/// stops reading that peer's connection), and receivers take one whole message from each peer with something
/// pending in turn. A count of pending messages lets receivers wait without a lock: a receiver claims one
/// before it takes a message, so a cancelled wait consumes nothing.
/// </summary>
internal sealed class FairQueue
{
    private readonly object _sync = new();
    private readonly AsyncSignal _arrived = new();
    private volatile Peer[] _peers = [];
    private int _pending;
    private int _next;
    private volatile bool _closed;

    /// <summary>True when a message may be waiting.</summary>
    public bool HasPending => Volatile.Read(ref _pending) > 0;

    /// <summary>True once <see cref="Close"/> has run.</summary>
    public bool IsClosed => _closed;

    /// <summary>Makes a peer's inbox part of the rotation.</summary>
    public void Add(Peer peer)
    {
        lock (_sync)
        {
            peer.IsRetired = false;
            if (Array.IndexOf(_peers, peer) < 0)
            {
                _peers = [.. _peers, peer];
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
            RemoveIfDrained(peer);
        }
    }

    /// <summary>Adds a message from <paramref name="peer"/> if its inbox has room. Once the queue is closed,
    /// the message is disposed and counts as taken.</summary>
    public bool TryWrite(Peer peer, Message message)
    {
        if (_closed)
        {
            message.Dispose();
            return true;
        }

        if (!peer.Inbox.TryAdd(message, out var grew))
        {
            return false;
        }

        // A CONFLATE replacement leaves the count as it was: one message waits, not two.
        if (grew)
        {
            Interlocked.Increment(ref _pending);
            _arrived.Set();
        }

        return true;
    }

    /// <summary>Adds messages from <paramref name="peer"/>, from <paramref name="start"/> on, as far as its
    /// inbox has room, with one wake-up for all of them. Returns how many were added.</summary>
    public int TryWriteMany(Peer peer, List<Message> messages, int start)
    {
        if (_closed)
        {
            for (var i = start; i < messages.Count; i++)
            {
                messages[i].Dispose();
            }

            return messages.Count - start;
        }

        var taken = peer.Inbox.TryAddMany(messages, start, out var added);
        if (added > 0)
        {
            Interlocked.Add(ref _pending, added);
            _arrived.Set();
        }

        return taken;
    }

    /// <summary>Moves gathered messages from <paramref name="peer"/> in (one wake-up for the lot), removing
    /// each from the list as it goes in. At RCVHWM it waits, so the pump stops reading that connection until
    /// the application catches up and back-pressure reaches the sender (libzmq does not drop here).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask DeliverAsync(Peer peer, List<Message> messages, CancellationToken cancellationToken)
    {
        var done = 0;
        try
        {
            while (done < messages.Count)
            {
                done += TryWriteMany(peer, messages, done);
                if (done < messages.Count)
                {
                    await WriteAsync(peer, messages[done], cancellationToken).ConfigureAwait(false);
                    done++;
                }
            }
        }
        finally
        {
            // What went in belongs to the queue now; on a cancelled or failed wait, the list keeps only what
            // did not, so nothing is handed over (or disposed) twice.
            messages.RemoveRange(0, done);
        }
    }

    /// <summary>Adds a message from <paramref name="peer"/>, waiting while its inbox is at RCVHWM (until it
    /// drains to the low-water mark).</summary>
    public ValueTask WriteAsync(Peer peer, Message message, CancellationToken cancellationToken) =>
        peer.Inbox.Room.WaitUntilAsync(static s => s.Queue.TryWrite(s.Peer, s.Message), (Queue: this, Peer: peer, Message: message), cancellationToken);

    /// <summary>Waits until <paramref name="peer"/>'s inbox can take a message.</summary>
    public ValueTask WaitForRoomAsync(Peer peer, CancellationToken cancellationToken)
    {
        var inbox = peer.Inbox;
        return inbox.HasRoom ? ValueTask.CompletedTask : inbox.Room.WaitUntilAsync(static inbox => inbox.HasRoom, inbox, cancellationToken);
    }

    /// <summary>Completes with true when a message may be waiting (another receiver may still take it
    /// first), false once the queue is closed.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        if (HasPending)
        {
            return new ValueTask<bool>(true);
        }

        return _closed ? new ValueTask<bool>(false) : WaitSlowAsync(cancellationToken);
    }

    /// <summary>Takes the next message in fair order.</summary>
    public bool TryTake([NotNullWhen(true)] out Peer? peer, [NotNullWhen(true)] out Message? message)
    {
        while (TryClaim())
        {
            var peers = _peers;
            var count = peers.Length;
            var start = Volatile.Read(ref _next);
            var index = start < count ? start : 0;
            for (var i = 0; i < count; i++, index = index + 1 == count ? 0 : index + 1)
            {
                var candidate = peers[index];
                if (candidate.Inbox.TryTake(out message))
                {
                    Volatile.Write(ref _next, index + 1 == count ? 0 : index + 1);
                    if (candidate.IsRetired && candidate.Inbox.Count == 0)
                    {
                        lock (_sync)
                        {
                            RemoveIfDrained(candidate);
                        }
                    }

                    peer = candidate;
                    return true;
                }
            }

            // A claim without a message: it was discarded with its peer (or the queue closed). Try again.
        }

        peer = null;
        message = null;
        return false;
    }

    /// <summary>Stops the queue and disposes every message still in it.</summary>
    public void Close()
    {
        _closed = true;
        lock (_sync)
        {
            foreach (var peer in _peers)
            {
                peer.Inbox.Clear();
            }

            _peers = [];
        }

        Volatile.Write(ref _pending, 0);
        _arrived.Set();
    }

    // True means only "look again": with several receivers, another may take the message first, and the
    // caller then waits again. Only a closed queue answers false.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> WaitSlowAsync(CancellationToken cancellationToken)
    {
        await _arrived.WaitUntilAsync(static queue => queue.HasPending || queue._closed, this, cancellationToken).ConfigureAwait(false);
        return !_closed;
    }

    private bool TryClaim()
    {
        while (true)
        {
            var pending = Volatile.Read(ref _pending);
            if (pending <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _pending, pending - 1, pending) == pending)
            {
                return true;
            }
        }
    }

    private void RemoveIfDrained(Peer peer)
    {
        if (!peer.IsRetired || peer.Inbox.Count != 0)
        {
            return;
        }

        var peers = _peers;
        var index = Array.IndexOf(peers, peer);
        if (index < 0)
        {
            return;
        }

        var remaining = new Peer[peers.Length - 1];
        Array.Copy(peers, 0, remaining, 0, index);
        Array.Copy(peers, index + 1, remaining, index, peers.Length - index - 1);
        _peers = remaining;
    }
}
