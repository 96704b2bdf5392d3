using Zmtp.Core;

namespace Zmtp;

/// <summary>
/// REP (RFC 28): receives requests fair-queued from REQ or DEALER peers and sends each reply back to the
/// peer that asked, strictly alternating receive and send. The envelope (every frame up to the empty
/// delimiter) is removed before delivery and restored on the reply.
/// </summary>
public sealed class RepSocket : ZmtpSocket
{
    /// <summary>The envelope of a request from a REQ: just the empty delimiter.</summary>
    private static readonly ReadOnlyMemory<byte>[] DelimiterOnly = [ReadOnlyMemory<byte>.Empty];

    private bool _replying;
    private Peer? _requester;
    private ReadOnlyMemory<byte>[]? _envelope;

    /// <summary>Creates a REP socket in <see cref="ZmtpContext.Default"/>.</summary>
    public RepSocket()
        : this(ZmtpContext.Default)
    {
    }

    /// <summary>Creates a REP socket in <paramref name="context"/>.</summary>
    /// <param name="context">The context whose inproc names the socket uses.</param>
    public RepSocket(ZmtpContext context)
        : base(ZmtpSocketType.Rep, context)
    {
    }

    private protected override bool ReceiveAllowed
    {
        get
        {
            lock (Sync)
            {
                return !_replying;
            }
        }
    }

    private protected override bool SendWouldNotWait
    {
        get
        {
            lock (Sync)
            {
                return _replying;
            }
        }
    }

    private protected override void BeforeReceive()
    {
        lock (Sync)
        {
            if (_replying)
            {
                throw new InvalidOperationException(
                    "A REP socket must send the reply to the request it received before it receives another: REP strictly alternates receive and send.");
            }
        }
    }

    private protected override bool TryDeliver(in InboundItem item, out Message message)
    {
        message = item.Message;
        var delimiter = -1;
        for (var i = 0; i < message.Count; i++)
        {
            if (message[i].IsEmpty)
            {
                delimiter = i;
                break;
            }
        }

        // libzmq discards a request without a delimiter, or with no body after it.
        if (delimiter < 0 || delimiter == message.Count - 1)
        {
            message.Dispose();
            return false;
        }

        var envelope = delimiter == 0 ? DelimiterOnly : CopyEnvelope(message, delimiter);
        message.RemoveFirst(delimiter + 1);
        lock (Sync)
        {
            _replying = true;
            _requester = item.Peer;
            _envelope = envelope;
        }

        OnPatternStateChanged();
        return true;
    }

    private protected override bool TrySendCore(Message message)
    {
        lock (Sync)
        {
            ThrowIfDisposed();
            if (!_replying)
            {
                throw new InvalidOperationException(
                    "A REP socket must receive a request before it can send a reply: REP strictly alternates receive and send.");
            }

            var requester = _requester!;
            var envelope = _envelope;
            _replying = false;
            _requester = null;
            _envelope = null;

            // RFC 28: if the requester is gone the reply is silently discarded; REP never blocks on send.
            if (requester.IsConnected || Peers.Contains(requester))
            {
                requester.TryEnqueue(OutboundItem.ForMessage(message, envelope));
            }
        }

        OnPatternStateChanged();
        return true;
    }

    /// <summary>Copies the routing frames (and the delimiter) so the application may dispose the request.</summary>
    private static ReadOnlyMemory<byte>[] CopyEnvelope(Message message, int delimiter)
    {
        var envelope = new ReadOnlyMemory<byte>[delimiter + 1];
        for (var i = 0; i < delimiter; i++)
        {
            envelope[i] = message[i].ToArray();
        }

        envelope[delimiter] = ReadOnlyMemory<byte>.Empty;
        return envelope;
    }
}
