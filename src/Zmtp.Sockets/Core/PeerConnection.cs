using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Zmtp.Monitoring;
using Zmtp.Protocol;
using Zmtp.Routing;
using Zmtp.Transport;

namespace Zmtp.Core;

/// <summary>How one connection to a peer ended.</summary>
internal enum ConnectionOutcome
{
    /// <summary>The handshake did not complete (I/O error, timeout, peer closed): reconnect.</summary>
    HandshakeFailed,

    /// <summary>The peer broke the protocol or sent ERROR: libzmq does not reconnect.</summary>
    ProtocolError,

    /// <summary>The socket refused the peer after its handshake (a second PAIR peer, a duplicate id).</summary>
    Rejected,

    /// <summary>The connection worked and then ended (peer closed, I/O error, local close): reconnect.</summary>
    Closed,
}

/// <summary>
/// Runs one transport connection for a peer: the ZMTP handshake, then a receive pump and a send pump until
/// either ends. The pumps batch: the receive pump takes every message the session has buffered before it
/// waits, the send pump writes everything queued before it flushes once.
/// </summary>
internal static class PeerConnection
{
    /// <summary>Messages written before a flush at most, so one busy peer cannot starve the flush.</summary>
    private const int MaxBatch = 1024;

    /// <summary>Bytes written before a flush at most: large messages go out (and their pipe segments come
    /// back for reuse) in steps of this, not 1024 messages at a time.</summary>
    private const long MaxBatchBytes = 256 * 1024;

    /// <summary>Received messages handed to the socket together at most (one wake-up, one count update).</summary>
    private const int DeliverBatch = 128;

    public static async Task<ConnectionOutcome> RunAsync(ZmtpSocket socket, Peer peer, ZmtpConnection connection, bool isServer, string endpoint, CancellationToken stopping)
    {
        var monitor = socket.Monitor;
        var session = new ZmtpSession(connection, socket.CreateSessionOptions(isServer));
        try
        {
            await session.HandshakeAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            connection.Abort(ex);
            await connection.DisposeAsync().ConfigureAwait(false);

            // libzmq follows every handshake failure with DISCONNECTED: each connection that was ACCEPTED
            // or CONNECTED ends with one, so live connections can be counted from the events.
            if (ex is ZmtpProtocolException protocol)
            {
                monitor.Emit(SocketEventType.HandshakeFailedProtocol, endpoint, SocketMonitor.ProtocolErrorCode(protocol.Error), protocol.Message);
                monitor.Emit(SocketEventType.Disconnected, endpoint, 0, protocol.Message);
                return ConnectionOutcome.ProtocolError;
            }

            monitor.Emit(SocketEventType.HandshakeFailedNoDetail, endpoint, 0, ex.Message);
            monitor.Emit(SocketEventType.Disconnected, endpoint, 0, ex.Message);
            return ConnectionOutcome.HandshakeFailed;
        }

        using var pumps = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        peer.ConnectionStop = pumps;
        peer.Properties = ConnectionProperties.From(session.Peer!, connection.PeerAddress);
        if (!socket.TryAttach(peer, session.Peer!))
        {
            peer.ConnectionStop = null;
            connection.Abort();
            await connection.DisposeAsync().ConfigureAwait(false);
            monitor.Emit(SocketEventType.Disconnected, endpoint, 0, "The socket refused the peer.");
            return ConnectionOutcome.Rejected;
        }

        monitor.Emit(SocketEventType.HandshakeSucceeded, endpoint);

        var heartbeat = new Heartbeat(peer, socket.Options, connection, pumps);
        var sending = SendPumpAsync(peer, session, pumps.Token);
        var receiving = ReceivePumpAsync(socket, peer, session, heartbeat, pumps.Token);
        var first = await Task.WhenAny(sending, receiving).ConfigureAwait(false);
        pumps.Cancel();
        try
        {
            await Task.WhenAll(sending, receiving).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Each pump's fault is read below; cancellation of the other pump is expected.
        }

        await heartbeat.DisposeAsync().ConfigureAwait(false);
        peer.ConnectionStop = null;

        // Only now: what the detach re-queues (a REQ's pending request) must not go to this dead pump.
        socket.Detach(peer);
        var error = first.Exception?.InnerException;
        monitor.Emit(SocketEventType.Disconnected, endpoint, 0, error?.Message ?? (heartbeat.TimedOut ? "The peer sent nothing within the heartbeat timeout." : null));

        if (error is ZmtpProtocolException)
        {
            connection.Abort(error);
            await connection.DisposeAsync().ConfigureAwait(false);
            return ConnectionOutcome.ProtocolError;
        }

        await CloseAsync(socket, connection, orderly: stopping.IsCancellationRequested, peerClosed: first == receiving && receiving.IsCompletedSuccessfully, error).ConfigureAwait(false);
        return ConnectionOutcome.Closed;
    }

    /// <summary>
    /// Ends the transport connection. Only an orderly end is graceful (what the send pump flushed still goes
    /// out): the peer closed, or this side is closing, and then no longer than the socket's linger allows
    /// (libzmq's linger bounds the whole close). A connection that timed out, failed or was replaced is dead
    /// or unwanted: it is aborted at once, so a reconnect does not wait for a peer that will never answer.
    /// </summary>
    private static async Task CloseAsync(ZmtpSocket socket, ZmtpConnection connection, bool orderly, bool peerClosed, Exception? error)
    {
        if (orderly)
        {
            using (socket.LingerExpired.UnsafeRegister(static state => ((ZmtpConnection)state!).Abort(), connection))
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            return;
        }

        if (!peerClosed)
        {
            connection.Abort(error);
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task ReceivePumpAsync(ZmtpSocket socket, Peer peer, ZmtpSession session, Heartbeat heartbeat, CancellationToken cancellationToken)
    {
        var incoming = socket.Incoming;
        var deliver = new List<Message>(DeliverBatch);
        try
        {
            while (true)
            {
                if (!session.TryRead(out var item))
                {
                    // Nothing more buffered: hand over what this read brought before waiting for the next.
                    await DeliverAsync(incoming, peer, deliver, heartbeat, cancellationToken).ConfigureAwait(false);
                    item = await session.ReadAsync(cancellationToken).ConfigureAwait(false);
                }

                heartbeat.OnReceived();
                switch (item.Kind)
                {
                    case ZmtpInboundKind.Message:
                        item.Message!.Properties = peer.Properties;
                        socket.ProcessInbound(peer, item.Message, deliver);
                        break;
                    case ZmtpInboundKind.Subscribe:
                    case ZmtpInboundKind.Cancel:
                        socket.ProcessSubscription(peer, item.Data, item.Kind == ZmtpInboundKind.Subscribe, deliver);
                        break;
                    case ZmtpInboundKind.Ping:
                        // The PONG goes through the send pump, the connection's only writer.
                        peer.EnqueuePong(item.Data);
                        heartbeat.OnPing(item.PingTtl);
                        break;
                    case ZmtpInboundKind.Closed:
                        await DeliverAsync(incoming, peer, deliver, heartbeat, cancellationToken).ConfigureAwait(false);
                        return;
                }

                if (deliver.Count >= DeliverBatch)
                {
                    await DeliverAsync(incoming, peer, deliver, heartbeat, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception) when (deliver.Count > 0)
        {
            // What arrived whole before a violation or a broken connection is still delivered if there is room.
            var added = incoming.TryWriteMany(peer, deliver, 0);
            for (var i = added; i < deliver.Count; i++)
            {
                deliver[i].Dispose();
            }

            throw;
        }
    }

    /// <summary>Hands a batch to the socket; a wait for inbox room pauses the heartbeat's timeouts, since
    /// the peer's silence meanwhile is ours.</summary>
    private static ValueTask DeliverAsync(FairQueue incoming, Peer peer, List<Message> deliver, Heartbeat heartbeat, CancellationToken cancellationToken)
    {
        var delivering = incoming.DeliverAsync(peer, deliver, cancellationToken);
        if (delivering.IsCompletedSuccessfully)
        {
            delivering.GetAwaiter().GetResult();
            return ValueTask.CompletedTask;
        }

        return WaitPausedAsync(delivering, heartbeat);

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
        static async ValueTask WaitPausedAsync(ValueTask delivering, Heartbeat heartbeat)
        {
            heartbeat.Pause();
            try
            {
                await delivering.ConfigureAwait(false);
            }
            finally
            {
                heartbeat.Resume();
            }
        }
    }

    private static async Task SendPumpAsync(Peer peer, ZmtpSession session, CancellationToken cancellationToken)
    {
        var reader = peer.Outbound;
        while (true)
        {
            await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
            peer.IsWriting = true;
            var written = 0;
            long bytes = 0;

            // Written frames are copied into the pipe, so their messages are released as the batch ends.
            var done = default(WrittenMessages);
            while (written < MaxBatch && bytes < MaxBatchBytes && reader.TryRead(out var item))
            {
                if (item.Kind is OutboundKind.Ping or OutboundKind.Pong)
                {
                    peer.OnHeartbeatCommandTaken(item.Kind);
                }

                bytes += Write(session, item);
                done.Add(item);
                written++;
            }

            done.Complete(peer);

            FlushResult result;
            try
            {
                result = await session.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Also when the flush fails or is cancelled: the connection is over, and a lingering close
                // must not wait for a writer that is gone.
                peer.IsWriting = false;
                peer.OnFlushed();
            }

            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    /// <summary>Encodes one item into the session's output; returns the body bytes it wrote (roughly what
    /// it adds to the pipe).</summary>
    private static long Write(ZmtpSession session, in OutboundItem item)
    {
        long bytes = 0;
        switch (item.Kind)
        {
            case OutboundKind.Message:
                var envelope = item.Envelope;
                if (envelope is not null)
                {
                    foreach (var frame in envelope)
                    {
                        session.WriteFrame(frame.Span, more: true);
                        bytes += frame.Length;
                    }
                }

                var message = item.Message!;
                var last = message.Count - 1;
                for (var i = item.Skip; i <= last; i++)
                {
                    var frame = message[i].Span;
                    session.WriteFrame(frame, more: i < last);
                    bytes += frame.Length;
                }

                break;
            case OutboundKind.Subscribe:
                session.WriteSubscription(item.Data.Span, subscribe: true);
                break;
            case OutboundKind.Cancel:
                session.WriteSubscription(item.Data.Span, subscribe: false);
                break;
            case OutboundKind.Pong:
                session.WritePong(item.Data.Span);
                break;
            case OutboundKind.Ping:
                session.WritePing(BinaryPrimitives.ReadUInt16BigEndian(item.Data.Span), ReadOnlySpan<byte>.Empty);
                break;
        }

        return bytes;
    }
}
