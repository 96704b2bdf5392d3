using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Zmtp.Monitoring;

namespace Zmtp;

/// <content>Monitoring: the socket's connection events as typed events, or in libzmq's monitor format.</content>
public abstract partial class ZmtpSocket
{
    internal SocketMonitor Monitor { get; } = new();

    /// <summary>Starts monitoring: the returned reader yields the events chosen by <paramref name="events"/>
    /// as they happen, and completes (after <see cref="SocketEventType.MonitorStopped"/>) when the socket is
    /// closed. Several monitors may run at once.</summary>
    /// <param name="events">The events wanted (a mask).</param>
    /// <returns>The event stream.</returns>
    public ChannelReader<SocketEvent> StartMonitor(SocketEventType events = SocketEventType.All)
    {
        ThrowIfDisposed();
        return Monitor.Add(events);
    }

    /// <summary>The events chosen by <paramref name="events"/>, as an async stream ending when the socket
    /// closes or <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="events">The events wanted (a mask).</param>
    /// <param name="cancellationToken">Ends the stream.</param>
    /// <returns>The event stream.</returns>
    public async IAsyncEnumerable<SocketEvent> MonitorAsync(SocketEventType events = SocketEventType.All, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = StartMonitor(events);
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                yield return item;
            }
        }
    }

    /// <summary>libzmq's <c>zmq_socket_monitor</c>: binds a PAIR socket at <paramref name="endpoint"/> (an
    /// <c>inproc://</c> name of this socket's context) that sends each event as libzmq does, two frames: six
    /// bytes (u16 event, u32 value, little-endian as on x86) and the endpoint text. Connect a PAIR to it.</summary>
    /// <param name="endpoint">The inproc endpoint to publish events on.</param>
    /// <param name="events">The events wanted (a mask).</param>
    /// <exception cref="ArgumentException">The endpoint is not inproc.</exception>
    public void StartMonitor(string endpoint, SocketEventType events = SocketEventType.All)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.StartsWith("inproc://", StringComparison.Ordinal))
        {
            throw new ArgumentException("A monitor endpoint must be inproc://, as in libzmq.", nameof(endpoint));
        }

        var pair = new PairSocket(Context);
        pair.Options.Linger = TimeSpan.FromMilliseconds(500);
        pair.Bind(endpoint);
        var reader = StartMonitor(events);
        _ = Task.Run(() => ForwardEventsAsync(reader, pair));
    }

    private static async Task ForwardEventsAsync(ChannelReader<SocketEvent> reader, PairSocket pair)
    {
        await using (pair.ConfigureAwait(false))
        {
            try
            {
                await foreach (var item in reader.ReadAllAsync().ConfigureAwait(false))
                {
                    var head = new byte[6];
                    BinaryPrimitives.WriteUInt16LittleEndian(head, (ushort)item.Type);
                    BinaryPrimitives.WriteInt32LittleEndian(head.AsSpan(2), item.Value);
                    await pair.SendAsync(new Message(head, Encoding.UTF8.GetBytes(item.Endpoint))).ConfigureAwait(false);
                }
            }
            catch (ObjectDisposedException)
            {
                // The monitor's PAIR was closed with its context.
            }
        }
    }
}
