namespace Zmtp.Proxying;

/// <summary>
/// Messages and bytes one proxy socket received and sent (libzmq's <c>zmq_socket_stats_t</c>). A multipart
/// message counts once; its bytes are the sum of its frame sizes. Each counter is written by one forwarding
/// loop and read by the control loop, so plain interlocked updates suffice.
/// </summary>
internal sealed class TrafficCounters
{
    private long _receivedMessages;
    private long _receivedBytes;
    private long _sentMessages;
    private long _sentBytes;

    public long ReceivedMessages => Interlocked.Read(ref _receivedMessages);

    public long ReceivedBytes => Interlocked.Read(ref _receivedBytes);

    public long SentMessages => Interlocked.Read(ref _sentMessages);

    public long SentBytes => Interlocked.Read(ref _sentBytes);

    public void CountReceived(long bytes)
    {
        Interlocked.Increment(ref _receivedMessages);
        Interlocked.Add(ref _receivedBytes, bytes);
    }

    public void CountSent(long bytes)
    {
        Interlocked.Increment(ref _sentMessages);
        Interlocked.Add(ref _sentBytes, bytes);
    }
}
