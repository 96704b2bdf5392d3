using System.Buffers.Binary;
using Zmtp.Core;
using Zmtp.Routing;

namespace Zmtp;

/// <summary>
/// ROUTER (RFC 28): every received message starts with a frame holding the sender's routing id; every sent
/// message's first frame names the peer it goes to. A peer's id is the Identity it announced, or a generated
/// 5-byte id (a zero byte, then a counter) when it announced none. Messages for an unknown or full peer are
/// dropped; a ROUTER never blocks on send.
/// </summary>
public sealed class RouterSocket : ZmtpSocket
{
    private readonly Dictionary<ReadOnlyMemory<byte>, Peer> _byId = new(RoutingIdComparer.Instance);
    private uint _nextId = (uint)Random.Shared.Next();

    /// <summary>Creates a ROUTER socket.</summary>
    public RouterSocket()
        : base(ZmtpSocketType.Router)
    {
    }

    private protected override bool TrySendCore(Message message)
    {
        lock (Sync)
        {
            ThrowIfDisposed();

            // An id frame with nothing after it is dropped, as in libzmq.
            if (message.Count >= 2 && _byId.TryGetValue(message[0], out var peer))
            {
                peer.TryEnqueue(OutboundItem.ForMessage(message, skip: 1));
            }

            return true;
        }
    }

    internal override void ProcessInbound(Peer peer, Message message, List<Message> deliver)
    {
        message.Prepend(peer.RoutingId);
        deliver.Add(message);
    }

    private protected override bool OnPeerConnected(Peer peer)
    {
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

            // libzmq ignores a new connection announcing an id already in use.
            if (_byId.TryGetValue(id, out var holder) && holder != peer)
            {
                return false;
            }
        }

        peer.RoutingId = id;
        _byId[id] = peer;
        return true;
    }

    private protected override void OnPeerDisconnected(Peer peer)
    {
        if (_byId.TryGetValue(peer.RoutingId, out var holder) && holder == peer)
        {
            _byId.Remove(peer.RoutingId);
        }
    }
}
