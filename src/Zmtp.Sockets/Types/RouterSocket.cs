using System.Buffers.Binary;
using Zmtp.Core;
using Zmtp.Routing;

namespace Zmtp;

/// <summary>
/// ROUTER (RFC 28): every received message starts with a frame holding the sender's routing id; every sent
/// message's first frame names the peer it goes to. A peer's id is the Identity it announced, or a generated
/// 5-byte id (a zero byte, then a counter) when it announced none. Messages for an unknown or full peer are
/// dropped; a ROUTER never blocks on send unless <see cref="SocketOptions.RouterMandatory"/> is set.
/// </summary>
public sealed class RouterSocket : ZmtpSocket
{
    private readonly Dictionary<ReadOnlyMemory<byte>, Peer> _byId = new(RoutingIdComparer.Instance);
    private uint _nextId = (uint)Random.Shared.Next();

    /// <summary>Creates a ROUTER socket in <see cref="ZmtpContext.Default"/>.</summary>
    public RouterSocket()
        : this(ZmtpContext.Default)
    {
    }

    /// <summary>Creates a ROUTER socket in <paramref name="context"/>.</summary>
    /// <param name="context">The context whose inproc names the socket uses.</param>
    public RouterSocket(ZmtpContext context)
        : base(ZmtpSocketType.Router, context)
    {
    }

    private protected override bool SendWouldNotWait
    {
        get
        {
            if (!Options.RouterMandatory)
            {
                return true;
            }

            // libzmq: with ROUTER_MANDATORY, POLLOUT only while some peer has room.
            lock (Sync)
            {
                foreach (var peer in _byId.Values)
                {
                    if (peer.HasRoom)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }

    private protected override bool TrySendCore(Message message)
    {
        lock (Sync)
        {
            ThrowIfDisposed();
            if (!_byId.TryGetValue(message[0], out var peer))
            {
                if (Options.RouterMandatory)
                {
                    throw new ZmtpException(ZmtpError.HostUnreachable, $"No peer of this ROUTER socket has the routing id 0x{Convert.ToHexStringLower(message[0].Span)}.");
                }

                return true;
            }

            // An id frame with nothing after it is dropped, as in libzmq.
            if (message.Count < 2)
            {
                return true;
            }

            // A full peer: dropped, or with ROUTER_MANDATORY the send waits for room.
            return peer.TryEnqueue(OutboundItem.ForMessage(message, skip: 1)) || !Options.RouterMandatory;
        }
    }

    internal override void ProcessInbound(Peer peer, Message message, List<Message> deliver)
    {
        message.Prepend(peer.RoutingId);
        deliver.Add(message);
    }

    private protected override void OnPeerAdded(Peer peer)
    {
        // CONNECT_ROUTING_ID names the peer of this connect at once, so it can be routed to before it connects.
        if (peer.IsPersistent && !peer.HasFixedRoutingId && Options.ConnectRoutingId is { } fixedId)
        {
            Options.ConnectRoutingId = null;
            peer.RoutingId = fixedId;
            peer.HasFixedRoutingId = true;
            _byId[fixedId] = peer;
        }

        if (Options.ProbeRouter)
        {
            peer.TryEnqueue(OutboundItem.ForMessage(new Message(ReadOnlyMemory<byte>.Empty)));
        }
    }

    private protected override void OnPeerRemoved(Peer peer)
    {
        if (_byId.TryGetValue(peer.RoutingId, out var holder) && holder == peer)
        {
            _byId.Remove(peer.RoutingId);
        }
    }

    private protected override bool OnPeerConnected(Peer peer)
    {
        if (peer.HasFixedRoutingId)
        {
            _byId[peer.RoutingId] = peer;
            return true;
        }

        var announced = peer.Info!.Identity;
        ReadOnlyMemory<byte> id;
        if (announced.IsEmpty)
        {
            var generated = new byte[5];
            BinaryPrimitives.WriteUInt32BigEndian(generated.AsSpan(1), _nextId++);
            id = generated;
        }
        else
        {
            id = announced.ToArray();
            if (_byId.TryGetValue(id, out var holder) && holder != peer)
            {
                if (!Options.RouterHandover)
                {
                    // libzmq ignores a new connection announcing an id already in use.
                    return false;
                }

                // ROUTER_HANDOVER: the new connection takes the id; the old one is closed.
                _byId.Remove(id);
                holder.ConnectionStop?.Cancel();
            }
        }

        peer.RoutingId = id;
        _byId[id] = peer;
        return true;
    }

    private protected override void OnPeerDisconnected(Peer peer)
    {
        if (!peer.HasFixedRoutingId && _byId.TryGetValue(peer.RoutingId, out var holder) && holder == peer)
        {
            _byId.Remove(peer.RoutingId);
        }
    }
}
