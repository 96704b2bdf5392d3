using Zmtp.Core;
using Zmtp.Protocol;

namespace Zmtp.Inproc;

/// <summary>
/// Joins two sockets of one context without encoding: each side's peer queue is moved, in batches, into the
/// other socket's receive side. Each delivery gets its own (pooled) <see cref="Message"/>: large bodies are
/// shared, never copied; small ones are copied into its inline buffer. Capacity is SNDHWM of the sender plus
/// RCVHWM of the receiver, as in libzmq.
/// </summary>
internal static class InprocPipe
{
    /// <summary>Messages moved per batch at most (one wake-up of the receiver for the lot).</summary>
    private const int Batch = 128;

    public static async Task RunAsync(ZmtpSocket connecting, Peer connectingPeer, InprocBinding binding, CancellationToken connectorStopping)
    {
        var bound = binding.Socket;

        // The handshake's checks, without the bytes: incompatible types are refused (libzmq fails the
        // connection), and each side learns the other's type and routing id.
        if (!ZmtpSocketTypes.IsCompatible(connecting.SocketType, bound.SocketType))
        {
            return;
        }

        var boundPeer = new Peer(bound, $"inproc://{binding.Name}", persistent: false);
        using var pumps = CancellationTokenSource.CreateLinkedTokenSource(connectorStopping, binding.Stopping);
        connectingPeer.ConnectionStop = pumps;
        boundPeer.ConnectionStop = pumps;
        boundPeer.Properties = ConnectionProperties.From(PeerInfoOf(connecting), null);
        connectingPeer.Properties = ConnectionProperties.From(PeerInfoOf(bound), null);
        if (!bound.TryAttach(boundPeer, PeerInfoOf(connecting)))
        {
            return;
        }

        if (!connecting.TryAttach(connectingPeer, PeerInfoOf(bound)))
        {
            bound.Detach(boundPeer);
            return;
        }

        var outbound = PumpAsync(connectingPeer, bound, boundPeer, pumps.Token);
        var inbound = PumpAsync(boundPeer, connecting, connectingPeer, pumps.Token);
        await Task.WhenAny(outbound, inbound).ConfigureAwait(false);
        pumps.Cancel();
        try
        {
            await Task.WhenAll(outbound, inbound).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Cancellation, or a pattern refusing what it was given (a malformed REQ reply): the pipe ends.
        }

        connecting.Detach(connectingPeer);
        bound.Detach(boundPeer);
    }

    private static ZmtpPeerInfo PeerInfoOf(ZmtpSocket socket)
    {
        var identity = socket.Options.RoutingId is { } id && ZmtpSocketTypes.SendsIdentity(socket.SocketType) ? id : ReadOnlyMemory<byte>.Empty;
        return new ZmtpPeerInfo(3, 1, socket.SocketType, identity, new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Moves what <paramref name="from"/> queues into <paramref name="to"/>, as received from
    /// <paramref name="sender"/> (the peer that stands for <paramref name="from"/>'s socket in <paramref name="to"/>).</summary>
    private static async Task PumpAsync(Peer from, ZmtpSocket to, Peer sender, CancellationToken cancellationToken)
    {
        var reader = from.Outbound;
        var deliver = new List<Message>(Batch);
        while (true)
        {
            await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
            from.IsWriting = true;
            try
            {
                await MoveAsync(reader, from, to, sender, deliver, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // The pipe ended with messages taken but not handed over: they go with it, as libzmq drops
                // what a terminated pipe held.
                foreach (var message in deliver)
                {
                    message.Dispose();
                }

                deliver.Clear();
                throw;
            }
            finally
            {
                // Also when the pipe ends while waiting: a lingering close must not wait for this mover.
                from.IsWriting = false;
                from.OnFlushed();
            }
        }
    }

    /// <summary>Moves batches until the sender's queue is empty.</summary>
    private static async Task MoveAsync(OutboundQueue reader, Peer from, ZmtpSocket to, Peer sender, List<Message> deliver, CancellationToken cancellationToken)
    {
        var incoming = to.Incoming;
        while (true)
        {
            // libzmq's inproc pipe holds SNDHWM + RCVHWM messages: take from the sender's queue only as
            // many as the receiver can store now, so none is held in between.
            await incoming.WaitForRoomAsync(sender, cancellationToken).ConfigureAwait(false);
            var room = Math.Min(sender.Inbox.FreeSlots, Batch);
            var taken = 0;
            var done = default(WrittenMessages);
            while (taken < room && reader.TryRead(out var item))
            {
                switch (item.Kind)
                {
                    case OutboundKind.Message:
                        var moved = item.Message!.ShareFrames(item.Envelope, item.Skip, to.MessagePool);
                        moved.Properties = sender.Properties;
                        to.ProcessInbound(sender, moved, deliver);
                        break;
                    case OutboundKind.Subscribe:
                    case OutboundKind.Cancel:
                        to.ProcessSubscription(sender, item.Data, item.Kind == OutboundKind.Subscribe, deliver);
                        break;
                }

                done.Add(item);
                taken++;
            }

            done.Complete(from);
            if (taken == 0)
            {
                return;
            }

            await incoming.DeliverAsync(sender, deliver, cancellationToken).ConfigureAwait(false);
        }
    }
}
