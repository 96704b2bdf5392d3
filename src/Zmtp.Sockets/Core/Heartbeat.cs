using System.Buffers.Binary;
using System.Diagnostics;

namespace Zmtp.Core;

/// <summary>
/// ZMTP 3.1 heartbeats for one connection (zmtp-wire.md section 12): sends a PING every HEARTBEAT_IVL, closes
/// the connection when nothing arrives within HEARTBEAT_TIMEOUT of a PING, and honours the TTL a peer's PING
/// announces. Any received frame counts as a sign of life.
/// </summary>
internal sealed class Heartbeat
{
    private readonly Peer _peer;
    private readonly CancellationTokenSource _connection;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _timeout;
    private readonly byte[] _ttl = new byte[2];
    private long _lastReceived = Stopwatch.GetTimestamp();
    private long _remoteTtlTicks;
    private int _running;

    public Heartbeat(Peer peer, SocketOptions options, CancellationTokenSource connection)
    {
        _peer = peer;
        _connection = connection;
        _interval = options.HeartbeatInterval;
        _timeout = options.HeartbeatTimeout < TimeSpan.Zero ? _interval : options.HeartbeatTimeout;

        // The TTL travels in tenths of a second (libzmq rounds down; below 100 ms it is 0, "no TTL").
        var deciseconds = Math.Clamp((long)(options.HeartbeatTtl.TotalMilliseconds / 100), 0, ushort.MaxValue);
        BinaryPrimitives.WriteUInt16BigEndian(_ttl, (ushort)deciseconds);
        if (_interval > TimeSpan.Zero)
        {
            Start();
        }
    }

    /// <summary>Called by the receive pump for every frame or command.</summary>
    public void OnReceived()
    {
        // Only timed while heartbeats run: reading the clock for every message would cost more than it tells.
        if (Volatile.Read(ref _running) != 0)
        {
            Volatile.Write(ref _lastReceived, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>A PING arrived: a TTL above zero asks us to drop the connection if the peer goes quiet.</summary>
    public void OnPing(ushort ttlDeciseconds)
    {
        if (ttlDeciseconds == 0)
        {
            return;
        }

        Volatile.Write(ref _remoteTtlTicks, (long)(ttlDeciseconds * 100L * Stopwatch.Frequency / 1000));
        Start();
    }

    private void Start()
    {
        if (Interlocked.Exchange(ref _running, 1) == 0)
        {
            Volatile.Write(ref _lastReceived, Stopwatch.GetTimestamp());
            _ = Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        var token = _connection.Token;
        var shortest = _interval > TimeSpan.Zero ? Min(_interval, _timeout) : TimeSpan.FromMilliseconds(100);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(5, shortest.TotalMilliseconds / 4)));
        var intervalTicks = (long)(_interval.TotalMilliseconds * Stopwatch.Frequency / 1000);
        var timeoutTicks = (long)(_timeout.TotalMilliseconds * Stopwatch.Frequency / 1000);
        var nextPing = Stopwatch.GetTimestamp();
        long awaitingSince = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                var now = Stopwatch.GetTimestamp();
                var lastReceived = Volatile.Read(ref _lastReceived);
                if (intervalTicks > 0 && now >= nextPing)
                {
                    _peer.EnqueuePing(_ttl);
                    nextPing = now + intervalTicks;
                    if (awaitingSince == 0)
                    {
                        awaitingSince = now;
                    }
                }

                if (awaitingSince != 0 && lastReceived > awaitingSince)
                {
                    awaitingSince = 0;
                }

                var remoteTtl = Volatile.Read(ref _remoteTtlTicks);
                if ((awaitingSince != 0 && now - awaitingSince > timeoutTicks) || (remoteTtl > 0 && now - lastReceived > remoteTtl))
                {
                    // The peer is silent: end the connection; a connecting socket reconnects.
                    _connection.Cancel();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
