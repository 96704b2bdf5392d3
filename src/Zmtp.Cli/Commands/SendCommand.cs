using System.Threading.Channels;
using Zmtp.Cli.Arguments;

namespace Zmtp.Cli.Commands;

/// <summary><c>zmtp send</c>: sends the FRAMEs as one message COUNT times; with REQ, prints each reply.</summary>
internal static class SendCommand
{
    public static async Task<int> RunAsync(CliOptions options, CliContext context)
    {
        var type = options.SocketType;
        var isPublisher = type is ZmtpSocketType.Pub or ZmtpSocketType.XPub;
        if (isPublisher && options.IntervalMs == 0)
        {
            context.Diagnostic($"note: a {SocketTypeNames.Name(type)} drops messages until subscribers have connected; use --interval MS to wait before the first message");
        }

        ChannelReader<SocketEvent>? peers = null;
        var socket = SocketOpener.Open(type, options.Endpoints, context, s => peers = Configure(s), options.Settings);
        await using (socket.ConfigureAwait(false))
        {
            var frames = options.Frames.Select(f => (ReadOnlyMemory<byte>)f).ToArray();
            var count = options.Count ?? 1;
            using var timer = new WaitTimer(options.TimeoutMs, context.Interrupt);
            try
            {
                // PUB, XPUB and XSUB never wait to send: without a peer the message would simply be gone (an
                // XSUB keeps a subscription for later peers, but this process ends first). Wait for one.
                if (peers is not null && type != ZmtpSocketType.Router && !await TryWaitForPeerAsync(peers, timer, options, context).ConfigureAwait(false))
                {
                    return ExitCodes.Timeout;
                }

                for (var i = 0; i < count; i++)
                {
                    // A PUB waits --interval before its first message too, to give subscribers time to subscribe.
                    if (options.IntervalMs > 0 && (i > 0 || isPublisher))
                    {
                        await Task.Delay(options.IntervalMs, context.Interrupt).ConfigureAwait(false);
                    }

                    if (!await TrySendAsync(socket, new Message(frames), peers, timer, options, context).ConfigureAwait(false))
                    {
                        return ExitCodes.Timeout;
                    }

                    if (type == ZmtpSocketType.Req && !await TryPrintReplyAsync(socket, timer, options, context).ConfigureAwait(false))
                    {
                        return ExitCodes.Timeout;
                    }
                }
            }
            catch (OperationCanceledException) when (context.Interrupt.IsCancellationRequested)
            {
                return ExitCodes.Interrupted;
            }

            // Disposing (at the end of this block) lingers so that queued messages still go out.
            return ExitCodes.Success;
        }
    }

    /// <summary>The command's defaults (--option may override them); returns the peer events to wait on, if any.</summary>
    private static ChannelReader<SocketEvent>? Configure(ZmtpSocket socket)
    {
        // IMMEDIATE: queue only to completed connections, so "no peer to take the message" is a wait
        // that --timeout can end, rather than a message parked on a connection that never comes up.
        socket.Options.Immediate = true;
        switch (socket.SocketType)
        {
            case ZmtpSocketType.Router:
                // A ROUTER silently drops a message for an unknown routing id; ROUTER_MANDATORY makes that an
                // error instead, so the send can wait for the named peer to connect.
                socket.Options.RouterMandatory = true;
                return socket.StartMonitor(SocketEventType.HandshakeSucceeded);
            case ZmtpSocketType.XSub:
                // XSUB lingers 0 by default (as SUB): the subscription just queued could be dropped when this
                // process closes the socket right after sending it.
                socket.Options.Linger = SocketOptions.DefaultLinger;
                return socket.StartMonitor(SocketEventType.HandshakeSucceeded);
            case ZmtpSocketType.Pub or ZmtpSocketType.XPub:
                return socket.StartMonitor(SocketEventType.HandshakeSucceeded);
            default:
                return null;
        }
    }

    private static async Task<bool> TryWaitForPeerAsync(ChannelReader<SocketEvent> peers, WaitTimer timer, CliOptions options, CliContext context)
    {
        try
        {
            await peers.ReadAsync(timer.Start()).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (timer.TimedOut)
        {
            context.Diagnostic($"no peer connected within {options.TimeoutMs} ms");
            return false;
        }
    }

    private static async Task<bool> TrySendAsync(ZmtpSocket socket, Message message, ChannelReader<SocketEvent>? peers, WaitTimer timer, CliOptions options, CliContext context)
    {
        var token = timer.Start();
        try
        {
            while (true)
            {
                try
                {
                    await socket.SendAsync(message, token).ConfigureAwait(false);
                    return true;
                }
                catch (ZmtpException e) when (e.Error == ZmtpError.HostUnreachable && peers is not null)
                {
                    // ROUTER_MANDATORY: no peer has that routing id yet. Each handshake may bring it; the
                    // monitor buffers events, so one that happened since the failed send is not missed.
                    await peers.ReadAsync(token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (timer.TimedOut)
        {
            context.Diagnostic($"no peer took the message within {options.TimeoutMs} ms");
            return false;
        }
    }

    private static async Task<bool> TryPrintReplyAsync(ZmtpSocket socket, WaitTimer timer, CliOptions options, CliContext context)
    {
        try
        {
            using var reply = await socket.ReceiveAsync(timer.Start()).ConfigureAwait(false);
            context.Stdout.WriteMessage(reply, hex: false);
            return true;
        }
        catch (OperationCanceledException) when (timer.TimedOut)
        {
            context.Diagnostic($"no reply within {options.TimeoutMs} ms");
            return false;
        }
    }
}
