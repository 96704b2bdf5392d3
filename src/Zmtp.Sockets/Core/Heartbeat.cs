using System.Buffers.Binary;
using System.Diagnostics;
using Zmtp.Transport;

namespace Zmtp.Core;

/// <summary>
/// ZMTP 3.1 heartbeats for one connection (RFC 37): sends a PING every HEARTBEAT_IVL, ends the connection
/// when nothing arrives within HEARTBEAT_TIMEOUT of a PING, and honours the TTL a peer's PING announces.
/// Any byte arriving is a sign of life, parsed or not; and while the receive pump waits for inbox room
/// (the application is not reading, so we are the ones not reading the peer) no timeout runs, as libzmq
/// stops its heartbeat timers while its input is stopped.
/// </summary>
internal sealed class Heartbeat : IAsyncDisposable
{
    private readonly Peer _peer;
    private readonly ZmtpConnection? _connection;
    private readonly CancellationTokenSource _pumps;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _timeout;
    private readonly byte[] _ttl = new byte[2];

    // Stopwatch ticks of the last sign of life; written by the receive pump and the timer loop.
    private long _lastReceived = Stopwatch.GetTimestamp();
    private long _remoteTtlTicks;

    // Nesting count of the receive pump's waits for inbox room; timeouts are suspended while above zero.
    private int _paused;

    // 0 until the timer loop starts (at most once); the loop's task, awaited on disposal.
    private int _running;
    private Task _loop = Task.CompletedTask;
    private volatile bool _timedOut;

    /// <param name="peer">Where PINGs are queued.</param>
    /// <param name="options">HEARTBEAT_IVL, HEARTBEAT_TIMEOUT and HEARTBEAT_TTL.</param>
    /// <param name="connection">The transport connection, whose received-byte count is a sign of life
    /// (null for transports without one).</param>
    /// <param name="pumps">Cancelled to end the connection; the timer loop also stops when it is.</param>
    public Heartbeat(Peer peer, SocketOptions options, ZmtpConnection? connection, CancellationTokenSource pumps)
    {
        _peer = peer;
        _connection = connection;
        _pumps = pumps;
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

    /// <summary>True when this heartbeat ended the connection: the peer went silent, so the connection is
    /// dead and is aborted rather than closed gracefully.</summary>
    public bool TimedOut => _timedOut;

    /// <summary>Called by the receive pump for every frame or command.</summary>
    public void OnReceived()
    {
        // Only timed while heartbeats run: reading the clock for every message would cost more than it tells.
        if (Volatile.Read(ref _running) != 0)
        {
            Volatile.Write(ref _lastReceived, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>The receive pump starts waiting for inbox room: the peer cannot be judged meanwhile.</summary>
    public void Pause() => Interlocked.Increment(ref _paused);

    /// <summary>The receive pump reads again; the silence so far is not the peer's.</summary>
    public void Resume()
    {
        var paused = Interlocked.Decrement(ref _paused);
        Debug.Assert(paused >= 0, "Resume without Pause.");
        OnReceived();
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

    /// <summary>Stops the timer loop and waits for it, so it never touches the connection's token source after
    /// the connection has disposed it. The caller cancels the pumps first.</summary>
    public async ValueTask DisposeAsync()
    {
        Debug.Assert(_pumps.IsCancellationRequested, "The pumps end before their heartbeat is disposed.");
        Volatile.Write(ref _running, 2);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void Start()
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            Volatile.Write(ref _lastReceived, Stopwatch.GetTimestamp());
            _loop = Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        var token = _pumps.Token;
        var shortest = _interval > TimeSpan.Zero ? Min(_interval, _timeout) : TimeSpan.FromMilliseconds(100);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(5, shortest.TotalMilliseconds / 4)));
        var intervalTicks = (long)(_interval.TotalMilliseconds * Stopwatch.Frequency / 1000);
        var timeoutTicks = (long)(_timeout.TotalMilliseconds * Stopwatch.Frequency / 1000);
        var nextPing = Stopwatch.GetTimestamp();
        var bytesSeen = _connection?.BytesReceived ?? 0;
        long awaitingSince = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                var now = Stopwatch.GetTimestamp();
                var bytes = _connection?.BytesReceived ?? 0;
                if (bytes != bytesSeen || Volatile.Read(ref _paused) > 0)
                {
                    // Bytes arrived (perhaps a PONG behind messages not yet parsed), or we are not reading.
                    bytesSeen = bytes;
                    Volatile.Write(ref _lastReceived, now);
                }

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
                    _timedOut = true;
                    _pumps.Cancel();
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
