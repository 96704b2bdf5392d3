using System.Threading.Channels;
using Zmtp.Protocol;

namespace Zmtp.Monitoring;

/// <summary>
/// Fans a socket's events out to its monitors. Costs one volatile read per event point when nobody
/// monitors. A monitor that does not keep up loses its oldest events rather than slowing the socket.
/// </summary>
internal sealed class SocketMonitor
{
    /// <summary>Events kept for a monitor that is not reading.</summary>
    private const int Capacity = 1024;

    private readonly object _sync = new();
    private volatile Subscription[] _subscriptions = [];

    public bool IsActive => _subscriptions.Length > 0;

    public ChannelReader<SocketEvent> Add(SocketEventType mask)
    {
        var channel = Channel.CreateBounded<SocketEvent>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = false,
            SingleWriter = false,
        });
        lock (_sync)
        {
            _subscriptions = [.. _subscriptions, new Subscription(channel.Writer, mask)];
        }

        return channel.Reader;
    }

    public void Emit(SocketEventType type, string endpoint, int value = 0, string? reason = null)
    {
        var subscriptions = _subscriptions;
        if (subscriptions.Length == 0)
        {
            return;
        }

        var item = new SocketEvent(type, endpoint, value, reason);
        foreach (var subscription in subscriptions)
        {
            if ((subscription.Mask & type) != 0)
            {
                subscription.Writer.TryWrite(item);
            }
        }
    }

    /// <summary>Sends MONITOR_STOPPED and ends every monitor (the socket is closed).</summary>
    public void Stop()
    {
        Subscription[] subscriptions;
        lock (_sync)
        {
            subscriptions = _subscriptions;
            _subscriptions = [];
        }

        foreach (var subscription in subscriptions)
        {
            if ((subscription.Mask & SocketEventType.MonitorStopped) != 0)
            {
                subscription.Writer.TryWrite(new SocketEvent(SocketEventType.MonitorStopped, string.Empty, 0));
            }

            subscription.Writer.TryComplete();
        }
    }

    /// <summary>libzmq's ZMQ_PROTOCOL_ERROR_* code for a protocol failure.</summary>
    public static int ProtocolErrorCode(ZmtpProtocolError error) => error switch
    {
        ZmtpProtocolError.UnexpectedCommand or ZmtpProtocolError.MessageBeforeReady => 0x10000001,
        ZmtpProtocolError.MalformedCommand or ZmtpProtocolError.CommandInsideMessage => 0x10000011,
        ZmtpProtocolError.InvalidMetadata or ZmtpProtocolError.IncompatibleSocketType => 0x10000018,
        ZmtpProtocolError.MechanismMismatch => 0x11000002,
        _ => 0x10000000,
    };

    private sealed record Subscription(ChannelWriter<SocketEvent> Writer, SocketEventType Mask);
}
