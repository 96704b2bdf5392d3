namespace Zmtp.Transport;

/// <summary>
/// libzmq's reconnect timing (ZMQ_RECONNECT_IVL, ZMQ_RECONNECT_IVL_MAX): how long a connector waits after a
/// failed attempt or a dropped connection before it tries again. Not thread-safe: one instance per connector.
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly TimeSpan _interval;
    private readonly TimeSpan _intervalMax;
    private readonly bool _exponential;
    private TimeSpan _current;

    /// <summary>Creates the timing for one connector.</summary>
    /// <param name="interval">RECONNECT_IVL: the base wait; negative disables reconnection.</param>
    /// <param name="intervalMax">
    /// RECONNECT_IVL_MAX: when greater than <paramref name="interval"/>, waits double from the base up to this cap;
    /// otherwise (zero, negative or smaller) every wait is the base plus random jitter.
    /// </param>
    public ReconnectBackoff(TimeSpan interval, TimeSpan intervalMax)
    {
        _interval = interval;
        _intervalMax = intervalMax;
        // "IVL_MAX smaller than IVL is ignored" (socket-semantics.md 4.2): only a larger cap turns on doubling.
        _exponential = intervalMax > TimeSpan.Zero && intervalMax > interval;
        _current = interval;
    }

    /// <summary>False when the interval is negative (RECONNECT_IVL = -1: an endpoint is dropped after its first failure).</summary>
    public bool Enabled => _interval >= TimeSpan.Zero;

    /// <summary>
    /// The wait before the next attempt. Without a cap: interval + random(0 .. interval-1), as libzmq spreads
    /// reconnecting peers apart. With a cap: interval, 2x, 4x ... at most the cap, without jitter.
    /// </summary>
    /// <returns>The delay; <see cref="TimeSpan.Zero"/> when reconnection is disabled.</returns>
    public TimeSpan NextDelay()
    {
        if (!Enabled)
        {
            return TimeSpan.Zero;
        }

        if (!_exponential)
        {
            long jitter = _interval.Ticks > 0 ? Random.Shared.NextInt64(_interval.Ticks) : 0;
            return _interval + TimeSpan.FromTicks(jitter);
        }

        TimeSpan delay = _current;
        // Double without overflowing; the cap bounds the sequence anyway.
        _current = _current.Ticks > _intervalMax.Ticks / 2 ? _intervalMax : TimeSpan.FromTicks(_current.Ticks * 2);
        return delay;
    }

    /// <summary>Starts the sequence again from the base interval; call after a successful connection and handshake.</summary>
    public void Reset() => _current = _interval;
}
