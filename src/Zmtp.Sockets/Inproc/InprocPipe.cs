using Zmtp.Core;
using Zmtp.Protocol;

namespace Zmtp.Inproc;

/// <summary>
/// Joins two sockets of one context without encoding: each side's peer queue is moved, message object by
/// message object, into the other socket's receive side. Bodies are never copied; each delivery gets its own
/// <see cref="Message"/> sharing the frames. Capacity is SNDHWM of the sender plus RCVHWM of the receiver,
/// as in libzmq.
/// </summary>
internal static class InprocPipe
{
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
        var incoming = to.Incoming;
        var deliver = new List<Message>(4);
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            from.IsWriting = true;
            while (true)
            {
                // libzmq's inproc pipe holds SNDHWM + RCVHWM messages: take one from the sender's queue only
                // when the receiver can store it, so none is held in between.
                await incoming.WaitForRoomAsync(sender, cancellationToken).ConfigureAwait(false);
                if (!reader.TryRead(out var item))
                {
                    break;
                }

                switch (item.Kind)
                {
                    case OutboundKind.Message:
                        var shared = item.Message!.ShareFrames(item.Envelope, item.Skip, to.MessagePool);
                        shared.Properties = sender.Properties;
                        to.ProcessInbound(sender, shared, deliver);
                        break;
                    case OutboundKind.Subscribe:
                    case OutboundKind.Cancel:
                        to.ProcessSubscription(sender, item.Data, item.Kind == OutboundKind.Subscribe, deliver);
                        break;
                }

                from.OnWritten(item);
                foreach (var message in deliver)
                {
                    if (!incoming.TryWrite(sender, message))
                    {
                        await incoming.WriteAsync(sender, message, cancellationToken).ConfigureAwait(false);
                    }
                }

                deliver.Clear();
            }

            from.IsWriting = false;
            from.OnFlushed();
        }
    }
}
