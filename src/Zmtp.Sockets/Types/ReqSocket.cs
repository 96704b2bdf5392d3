using System.Buffers.Binary;
using Zmtp.Core;
using Zmtp.Protocol;
using Zmtp.Routing;

namespace Zmtp;

/// <summary>
/// REQ (RFC 28): sends a request to one REP or ROUTER peer in turn and then receives its reply, strictly
/// alternating. The empty delimiter frame is added and removed for you.
/// </summary>
/// <remarks>
/// If the peer holding the pending request disconnects, the request is sent again to another connected peer
/// (or to the same endpoint once it reconnects), so a request never waits forever on a peer that is gone
/// while another is available. A request may therefore be processed twice; only one reply is delivered.
/// <see cref="SocketOptions.RequestRelaxed"/> and <see cref="SocketOptions.RequestCorrelate"/> give libzmq's
/// REQ_RELAXED and REQ_CORRELATE.
/// </remarks>
public sealed class ReqSocket : ZmtpSocket
{
    /// <summary>RFC 28: a REQ prefixes each request with an empty delimiter frame.</summary>
    private static readonly ReadOnlyMemory<byte>[] Delimiter = [ReadOnlyMemory<byte>.Empty];

    private readonly LoadBalancer _balancer = new();
    private uint _nextRequestId = (uint)Random.Shared.Next();
    private bool _awaitingReply;
    private Message? _request;
    private ReadOnlyMemory<byte>[] _envelope = Delimiter;
    private Peer? _replyPeer;
    private bool _resendPending;

    /// <summary>Creates a REQ socket in <see cref="ZmtpContext.Default"/>.</summary>
    public ReqSocket()
        : this(ZmtpContext.Default)
    {
    }

    /// <summary>Creates a REQ socket in <paramref name="context"/>.</summary>
    /// <param name="context">The context whose inproc names the socket uses.</param>
    public ReqSocket(ZmtpContext context)
        : base(ZmtpSocketType.Req, context)
    {
    }

    private protected override bool ReceiveAllowed
    {
        get
        {
            lock (Sync)
            {
                return _awaitingReply;
            }
        }
    }

    private protected override bool SendWouldNotWait
    {
        get
        {
            lock (Sync)
            {
                return (!_awaitingReply || Options.RequestRelaxed) && _balancer.HasRoom;
            }
        }
    }

    private protected override bool TrySendCore(Message message)
    {
        lock (Sync)
        {
            ThrowIfDisposed();
            if (_awaitingReply && !Options.RequestRelaxed)
            {
                throw new InvalidOperationException(
                    "A REQ socket must receive the reply to its request before it sends another: REQ strictly alternates send and receive (set Options.RequestRelaxed to allow it).");
            }

            // libzmq discards replies that are still queued from before this request (before queueing it,
            // so a fast reply to the new request cannot be taken for a stale one).
            DiscardQueuedReplies();
            var envelope = Options.RequestCorrelate ? CorrelatedEnvelope() : Delimiter;
            var peer = _balancer.TryEnqueue(OutboundItem.ForMessage(message, envelope));
            if (peer is null)
            {
                return false;
            }

            // Held (not copied) until the reply comes, to send again if its peer goes away.
            message.AddReference();
            _request?.ReleaseReference();
            _awaitingReply = true;
            _request = message;
            _envelope = envelope;
            _replyPeer = peer;
            _resendPending = false;
        }

        OnPatternStateChanged();
        return true;
    }

    private protected override void BeforeReceive()
    {
        lock (Sync)
        {
            if (!_awaitingReply)
            {
                throw new InvalidOperationException(
                    "A REQ socket must send a request before it can receive: REQ strictly alternates send and receive.");
            }
        }
    }

    private protected override bool TryDeliver(in InboundItem item, out Message message)
    {
        message = item.Message;
        lock (Sync)
        {
            // RFC 28: accept a reply only from the peer the request went to (and, when correlating, carrying
            // the request's id); discard anything else.
            if (!_awaitingReply || item.Peer != _replyPeer || !MatchesEnvelope(message))
            {
                message.Dispose();
                if (_resendPending && item.Peer == _replyPeer && item.Peer.Inbox.Count == 0)
                {
                    // The last message the gone peer left was not the reply: now the request goes again.
                    ResendIfPending();
                }

                return false;
            }

            message.RemoveFirst(_envelope.Length);
            _awaitingReply = false;
            _request?.ReleaseReference();
            _request = null;
            _replyPeer = null;
        }

        OnPatternStateChanged();
        return true;
    }

    internal override void ProcessInbound(Peer peer, Message message, List<Message> deliver)
    {
        if (Options.RequestCorrelate)
        {
            // A reply without the request id envelope cannot be ours; it is skipped in TryDeliver.
            deliver.Add(message);
            return;
        }

        // libzmq: a reply that does not start with the empty delimiter is a protocol error; the
        // connection is closed (and not reconnected).
        if (message.Count < 2 || !message[0].IsEmpty)
        {
            message.Dispose();
            throw new ZmtpProtocolException(ZmtpProtocolError.InvalidFrame, "A reply to a REQ socket must start with an empty delimiter frame.");
        }

        deliver.Add(message);
    }

    private protected override void OnPeerAdded(Peer peer)
    {
        _balancer.Add(peer);
        if (Options.ProbeRouter)
        {
            peer.TryEnqueue(OutboundItem.ForMessage(new Message(ReadOnlyMemory<byte>.Empty)));
        }

        ResendIfPending();
    }

    private protected override bool OnPeerConnected(Peer peer)
    {
        ResendIfPending();
        return true;
    }

    private protected override void OnPeerRemoved(Peer peer) => _balancer.Remove(peer);

    private protected override void OnPeerDisconnected(Peer peer)
    {
        if (!_awaitingReply || _replyPeer != peer || _request is null)
        {
            return;
        }

        if (peer.Inbox.Count > 0)
        {
            // What the peer sent before it went is still delivered, and the reply may be in it: the request
            // is sent again only if it is not (TryDeliver), not queued where the answered copy would wait.
            _resendPending = true;
            return;
        }

        // The request may have died with the connection: send it again where a reply can come from.
        var item = OutboundItem.ForMessage(_request, _envelope);
        _replyPeer = _balancer.TryEnqueueConnected(item, peer);
        if (_replyPeer is null && peer.IsPersistent && peer.TryEnqueue(item))
        {
            _replyPeer = peer;
        }

        _resendPending = _replyPeer is null;
    }

    /// <summary>REQ_CORRELATE: [request id (4 octets, host order as libzmq), empty delimiter].</summary>
    private ReadOnlyMemory<byte>[] CorrelatedEnvelope()
    {
        var id = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(id, _nextRequestId++);
        return [id, ReadOnlyMemory<byte>.Empty];
    }

    private bool MatchesEnvelope(Message reply)
    {
        if (reply.Count <= _envelope.Length)
        {
            return false;
        }

        for (var i = 0; i < _envelope.Length; i++)
        {
            if (!reply[i].Span.SequenceEqual(_envelope[i].Span))
            {
                return false;
            }
        }

        return true;
    }

    private void ResendIfPending()
    {
        if (!_resendPending || _request is null)
        {
            return;
        }

        var peer = _balancer.TryEnqueue(OutboundItem.ForMessage(_request, _envelope));
        if (peer is not null)
        {
            _replyPeer = peer;
            _resendPending = false;
        }
    }

    private void DiscardQueuedReplies()
    {
        while (Incoming.TryTake(out _, out var stale))
        {
            stale.Dispose();
        }
    }
}
