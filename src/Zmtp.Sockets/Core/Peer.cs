using System.Diagnostics;
using Zmtp.Protocol;

namespace Zmtp.Core;

/// <summary>
/// One remote peer of a socket and its outbound queue (libzmq's "pipe"). A connect-side peer lives from
/// <c>Connect</c> to <c>Disconnect</c> and keeps its queue across reconnections; a bind-side peer lives as
/// long as its accepted connection.
/// </summary>
internal sealed class Peer
{
    private readonly OutboundQueue _outbound = new();

    private readonly ZmtpSocket _socket;
    private Inbox? _inbox;
    private readonly bool _conflate;
    private int _queued;

    // 1 while a PONG (or our heartbeat PING) waits in the queue: at most one of each is ever queued.
    private int _pongQueued;
    private int _pingQueued;
    private volatile ZmtpPeerInfo? _info;

    public Peer(ZmtpSocket socket, string endpoint, bool persistent)
    {
        _socket = socket;
        Endpoint = endpoint;
        IsPersistent = persistent;
        _conflate = socket.Options.Conflate;
    }

    /// <summary>The remote endpoint (as connected, or as accepted).</summary>
    public string Endpoint { get; }

    /// <summary>True for connect-side peers, whose queue survives reconnection.</summary>
    public bool IsPersistent { get; }

    /// <summary>The handshake result of the current connection; null while not connected.</summary>
    public ZmtpPeerInfo? Info => _info;

    /// <summary>True while a connection to this peer has completed its handshake.</summary>
    public bool IsConnected => _info is not null;

    /// <summary>The id a ROUTER (or REP) addresses this peer by.</summary>
    public ReadOnlyMemory<byte> RoutingId { get; set; }

    /// <summary>The current connection's properties, attached to every message received on it.</summary>
    internal IReadOnlyDictionary<string, string>? Properties { get; set; }

    /// <summary>Ends the current connection (ROUTER_HANDOVER drops the old holder of an id).</summary>
    internal CancellationTokenSource? ConnectionStop { get; set; }

    /// <summary>True when the routing id was fixed by CONNECT_ROUTING_ID rather than announced.</summary>
    internal bool HasFixedRoutingId { get; set; }

    /// <summary>Per-pattern state (a PUB's subscriptions for this peer, for example).</summary>
    public object? PatternState { get; set; }

    /// <summary>Messages (not commands) waiting in the queue.</summary>
    public int QueuedMessages => Volatile.Read(ref _queued);

    /// <summary>True when the queue can take another message under SNDHWM.</summary>
    public bool HasRoom
    {
        get
        {
            var hwm = _socket.Options.SendHighWatermark;
            return hwm == 0 || Volatile.Read(ref _queued) < hwm;
        }
    }

    internal OutboundQueue Outbound => _outbound;

    /// <summary>Messages received from this peer and not yet taken, at most RCVHWM (set when first used).</summary>
    internal Inbox Inbox
    {
        get
        {
            var inbox = Volatile.Read(ref _inbox);
            if (inbox is not null)
            {
                return inbox;
            }

            var created = new Inbox(_socket.Options.ReceiveHighWatermark, _conflate);
            return Interlocked.CompareExchange(ref _inbox, created, null) ?? created;
        }
    }

    /// <summary>Set while the peer is out of the receive rotation except for what its inbox still holds.</summary>
    internal bool IsRetired { get; set; }

    /// <summary>Queues a message if there is room under SNDHWM.</summary>
    public bool TryEnqueue(in OutboundItem item)
    {
        if (_conflate && item.Kind == OutboundKind.Message)
        {
            // CONFLATE: the newest message replaces whatever is still waiting.
            DiscardQueue();
            item.Message!.AddReference();
            Interlocked.Increment(ref _queued);
            _outbound.Write(item);
            return true;
        }

        if (!HasRoom)
        {
            return false;
        }

        Interlocked.Increment(ref _queued);
        item.Message?.AddReference();
        _outbound.Write(item);
        return true;
    }

    /// <summary>Queues a command the application caused (a subscription); it does not count against SNDHWM.</summary>
    public void EnqueueCommand(OutboundKind kind, ReadOnlyMemory<byte> data)
    {
        Debug.Assert(kind is OutboundKind.Subscribe or OutboundKind.Cancel, "PING and PONG go through their own one-slot methods.");
        _outbound.Write(OutboundItem.ForCommand(kind, data));
    }

    /// <summary>
    /// Queues a PONG unless one is already waiting (libzmq keeps one pending PONG per connection, replacing
    /// it). A peer's PINGs then cost a bounded amount however fast they come and whether or not it reads:
    /// the receive pump keeps reading, as libzmq's does (coupling input to output would deadlock two peers
    /// whose outputs are both full).
    /// </summary>
    public void EnqueuePong(ReadOnlyMemory<byte> context)
    {
        if (Interlocked.Exchange(ref _pongQueued, 1) == 0)
        {
            _outbound.Write(OutboundItem.ForCommand(OutboundKind.Pong, context));
        }
    }

    /// <summary>Queues a heartbeat PING unless one is already waiting to be written.</summary>
    public void EnqueuePing(ReadOnlyMemory<byte> ttl)
    {
        if (Interlocked.Exchange(ref _pingQueued, 1) == 0)
        {
            _outbound.Write(OutboundItem.ForCommand(OutboundKind.Ping, ttl));
        }
    }

    /// <summary>The send pump took a PING or PONG: the next one may be queued.</summary>
    public void OnHeartbeatCommandTaken(OutboundKind kind)
    {
        Debug.Assert(kind is OutboundKind.Ping or OutboundKind.Pong);
        Volatile.Write(ref kind == OutboundKind.Pong ? ref _pongQueued : ref _pingQueued, 0);
    }

    /// <summary>Frees the SNDHWM slots of <paramref name="count"/> written messages, in one update.</summary>
    public void OnMessagesWritten(int count)
    {
        if (count == 0)
        {
            return;
        }

        var left = Interlocked.Add(ref _queued, -count);

        // Senders blocked at SNDHWM are woken when the queue passes the low-water mark (half, as libzmq),
        // not for every slot that frees; and when it empties, whatever the HWM is now.
        var lowWater = _socket.Options.SendHighWatermark / 2;
        if (left == 0 || (left <= lowWater && left + count > lowWater))
        {
            _socket.OnPeerRoom();
        }
    }

    /// <summary>True while the send pump holds items it has taken but not yet flushed.</summary>
    public bool IsWriting
    {
        get => Volatile.Read(ref _writing);
        set => Volatile.Write(ref _writing, value);
    }

    private bool _writing;

    /// <summary>True when nothing is queued or in the middle of being written.</summary>
    public bool IsDrained => QueuedMessages == 0 && !IsWriting;

    /// <summary>Called by the send pump after each flush.</summary>
    public void OnFlushed()
    {
        if (IsDrained)
        {
            _socket.OnPeerDrained();
        }
    }

    internal void SetConnected(ZmtpPeerInfo? info) => _info = info;

    /// <summary>Drops everything queued (the peer is gone for good).</summary>
    public void DiscardQueue()
    {
        while (_outbound.TryRead(out var item))
        {
            if (item.Kind == OutboundKind.Message)
            {
                item.Message!.ReleaseReference();
                Interlocked.Decrement(ref _queued);
            }
        }
    }

    public override string ToString() => Endpoint;
}
