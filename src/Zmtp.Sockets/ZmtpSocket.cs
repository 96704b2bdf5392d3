using Zmtp.Core;
using Zmtp.Protocol;
using Zmtp.Routing;
using Zmtp.Transport;

namespace Zmtp;

/// <summary>
/// A ZeroMQ socket: binds and connects endpoints, and sends and receives whole messages according to its
/// type's pattern. Safe to use from several threads at once.
/// </summary>
/// <remarks>
/// Create one with the constructor of a concrete type (<see cref="ReqSocket"/>, <see cref="PubSocket"/>, …)
/// or with <see cref="Create(ZmtpSocketType, ZmtpContext?)"/>. Dispose it to close it: queued outbound messages get at most
/// <see cref="SocketOptions.Linger"/> to leave.
/// </remarks>
public abstract partial class ZmtpSocket : IAsyncDisposable, IDisposable
{
    /// <summary>Guards peers and pattern state; never held across an await.</summary>
    private protected readonly Lock Sync = new();

    private readonly List<Peer> _peers = [];
    private readonly AsyncSignal _sendReady = new();
    private readonly AsyncSignal _drained = new();
    private readonly CancellationTokenSource _stopping = new();

    private protected ZmtpSocket(ZmtpSocketType type, ZmtpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        SocketType = type;
        Options = new SocketOptions(type);
        MessagePool = new MessagePool(() => PoolCapacity(Options));
        Context = context;
        context.Add(this);
    }

    /// <summary>Idle messages the pool keeps: enough for two full inboxes at RCVHWM plus batches being
    /// delivered, and never fewer than 2048 (also the bound when RCVHWM is 0, no limit).</summary>
    private static int PoolCapacity(SocketOptions options)
    {
        var hwm = options.ReceiveHighWatermark;
        return hwm <= 0 ? 2048 : (int)Math.Clamp(2L * hwm + 256, 2048, 1 << 20);
    }

    /// <summary>Creates a socket of the given type.</summary>
    /// <param name="type">The socket type.</param>
    /// <param name="context">The context for inproc endpoints; null for <see cref="ZmtpContext.Default"/>.</param>
    /// <returns>The new socket.</returns>
    public static ZmtpSocket Create(ZmtpSocketType type, ZmtpContext? context = null)
    {
        context ??= ZmtpContext.Default;
        return type switch
        {
            ZmtpSocketType.Req => new ReqSocket(context),
            ZmtpSocketType.Rep => new RepSocket(context),
            ZmtpSocketType.Dealer => new DealerSocket(context),
            ZmtpSocketType.Router => new RouterSocket(context),
            ZmtpSocketType.Pub => new PubSocket(context),
            ZmtpSocketType.Sub => new SubSocket(context),
            ZmtpSocketType.XPub => new XPubSocket(context),
            ZmtpSocketType.XSub => new XSubSocket(context),
            ZmtpSocketType.Push => new PushSocket(context),
            ZmtpSocketType.Pull => new PullSocket(context),
            ZmtpSocketType.Pair => new PairSocket(context),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown socket type."),
        };
    }

    /// <summary>The context whose inproc names this socket binds and connects.</summary>
    public ZmtpContext Context { get; }

    /// <summary>The socket's type.</summary>
    public ZmtpSocketType SocketType { get; }

    /// <summary>The socket's options.</summary>
    public SocketOptions Options { get; }

    /// <summary>Whether this type can send (false for SUB and PULL).</summary>
    private protected virtual bool CanSend => true;

    /// <summary>Whether this type can receive (false for PUB and PUSH).</summary>
    private protected virtual bool CanReceive => true;

    /// <summary>The receive side: per-peer inboxes taken in fair order.</summary>
    internal FairQueue Incoming { get; } = new();

    /// <summary>Recycled message objects for what the pumps parse and what sends build from raw memory.</summary>
    internal MessagePool MessagePool { get; }

    internal ZmtpSessionOptions CreateSessionOptions(bool isServer) => new()
    {
        SocketType = SocketType,
        RoutingId = Options.RoutingId ?? ReadOnlyMemory<byte>.Empty,
        MaxMessageSize = Options.MaxMessageSize,
        MaxCommandSize = Options.MaxSubscriptionBytesPerPeer < 0 ? -1 : Math.Max(ZmtpSession.MaxHandshakeCommandSize, Options.MaxSubscriptionBytesPerPeer + 16),
        MaxFramesPerMessage = Options.MaxFramesPerMessage,
        MaxMetadataProperties = Options.MaxMetadataProperties,
        HandshakeTimeout = Options.HandshakeInterval,
        IsServer = isServer,
        MessagePool = MessagePool,
    };

    internal TransportOptions CreateTransportOptions() => new()
    {
        Backlog = Options.Backlog,
        Ipv6 = Options.Ipv6,
        SendBufferSize = Options.SendBufferSize,
        ReceiveBufferSize = Options.ReceiveBufferSize,
        ConnectTimeout = Options.ConnectTimeout > TimeSpan.Zero ? Options.ConnectTimeout : Timeout.InfiniteTimeSpan,
        TcpKeepAlive = Options.TcpKeepAlive,
        TcpKeepAliveCount = Options.TcpKeepAliveCount,
        TcpKeepAliveIdle = Options.TcpKeepAliveIdle,
        TcpKeepAliveInterval = Options.TcpKeepAliveInterval,
        TypeOfService = Options.TypeOfService,
    };

    /// <summary>Queues a message per the pattern. Returns false when it would have to wait; throws when the
    /// pattern does not allow a send now.</summary>
    private protected abstract bool TrySendCore(Message message);

    /// <summary>Checks, before waiting, that the pattern allows a receive now.</summary>
    private protected virtual void BeforeReceive()
    {
    }

    /// <summary>Turns a queued inbound item into what the application receives; false to skip it.</summary>
    private protected virtual bool TryDeliver(in InboundItem item, out Message message)
    {
        message = item.Message;
        return true;
    }

    /// <summary>On the connection's receive pump: decides what of a received message is delivered.</summary>
    internal virtual void ProcessInbound(Peer peer, Message message, List<Message> deliver) => deliver.Add(message);

    /// <summary>On the connection's receive pump: a SUBSCRIBE or CANCEL command arrived.</summary>
    internal virtual void ProcessSubscription(Peer peer, ReadOnlyMemory<byte> topic, bool subscribe, List<Message> deliver)
    {
    }

    /// <summary>A peer's queue now exists and may be routed to (under <see cref="Sync"/>).</summary>
    private protected virtual void OnPeerAdded(Peer peer)
    {
    }

    /// <summary>A peer's queue is gone (under <see cref="Sync"/>).</summary>
    private protected virtual void OnPeerRemoved(Peer peer)
    {
    }

    /// <summary>A peer completed its handshake (under <see cref="Sync"/>); false refuses it.</summary>
    private protected virtual bool OnPeerConnected(Peer peer) => true;

    /// <summary>A peer's connection ended (under <see cref="Sync"/>).</summary>
    private protected virtual void OnPeerDisconnected(Peer peer)
    {
    }

    /// <summary>Peers whose queues exist (under <see cref="Sync"/>).</summary>
    private protected IReadOnlyList<Peer> Peers => _peers;

    /// <summary>Offers a message to the receive queue from outside a receive pump (XPUB notifications).</summary>
    private protected void DeliverNow(Peer peer, Message message)
    {
        if (!Incoming.TryWrite(peer, message))
        {
            message.Dispose();
        }
    }

    internal bool TryAttach(Peer peer, ZmtpPeerInfo info)
    {
        lock (Sync)
        {
            // Connections completing while the socket lingers are welcome: they may carry queued messages.
            if (_stopping.IsCancellationRequested)
            {
                return false;
            }

            peer.SetConnected(info);
            Incoming.Add(peer);
            var adds = !peer.IsPersistent || Options.Immediate;
            if (adds)
            {
                AddPeerLocked(peer);
            }

            if (!OnPeerConnected(peer))
            {
                peer.SetConnected(null);
                if (adds)
                {
                    RemovePeerLocked(peer);
                }

                return false;
            }
        }

        OnPeerRoom();
        return true;
    }

    internal void Detach(Peer peer)
    {
        lock (Sync)
        {
            peer.SetConnected(null);
            OnPeerDisconnected(peer);
            if (!peer.IsPersistent || Options.Immediate)
            {
                RemovePeerLocked(peer);
            }
        }

        OnPeerDrained();
    }

    private protected void AddPeerLocked(Peer peer)
    {
        if (!_peers.Contains(peer))
        {
            _peers.Add(peer);
            OnPeerAdded(peer);
        }
    }

    private protected void RemovePeerLocked(Peer peer)
    {
        if (_peers.Remove(peer))
        {
            OnPeerRemoved(peer);
            peer.DiscardQueue();
        }

        Incoming.Retire(peer);
    }

    /// <summary>A peer's queue went below SNDHWM, or a peer arrived: wake waiting senders.</summary>
    internal void OnPeerRoom() => _sendReady.Set();

    /// <summary>A peer's queue emptied: wake a lingering close.</summary>
    internal void OnPeerDrained() => _drained.Set();

    private protected static NotSupportedException NotSupported(string what) => new(what);

    /// <summary>Round-robin send for PUSH, DEALER and PAIR: the next peer with room, or false to wait.</summary>
    private protected bool TrySendBalanced(LoadBalancer balancer, Message message)
    {
        lock (Sync)
        {
            ThrowIfDisposed();
            return balancer.TryEnqueue(OutboundItem.ForMessage(message)) is not null;
        }
    }

    /// <summary>Whether a round-robin send would go through now.</summary>
    private protected bool BalancedHasRoom(LoadBalancer balancer)
    {
        lock (Sync)
        {
            return balancer.HasRoom;
        }
    }
}
