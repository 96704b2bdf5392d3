namespace Zmtp.Cli.Commands;

/// <summary>
/// Cancels a token when a hot loop makes no progress for a while, without any per-message cost: the loop
/// only stores its counter in <see cref="Progress"/>; a timer ticking four times per period compares it.
/// </summary>
internal sealed class IdleWatchdog : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _interrupt;
    private readonly long _idleTicks;
    private readonly Timer _timer;
    private long _progress;
    private long _lastSeen;
    private long _lastChange;

    public IdleWatchdog(TimeSpan idle, CancellationToken interrupt)
    {
        _interrupt = interrupt;
        _source = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        _idleTicks = (long)(idle.TotalSeconds * TimeProvider.System.TimestampFrequency);
        _lastChange = TimeProvider.System.GetTimestamp();
        var period = TimeSpan.FromTicks(Math.Max(idle.Ticks / 4, TimeSpan.TicksPerMillisecond));
        _timer = new Timer(_ => Check(), null, period, period);
    }

    /// <summary>Cancelled when idle too long, or on Ctrl+C.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The loop's progress counter; any change counts as activity.</summary>
    public long Progress
    {
        get => Volatile.Read(ref _progress);
        set => Volatile.Write(ref _progress, value);
    }

    /// <summary>True when the token was cancelled for idleness rather than by Ctrl+C.</summary>
    public bool TimedOut => _source.IsCancellationRequested && !_interrupt.IsCancellationRequested;

    public void Dispose()
    {
        _timer.Dispose();
        _source.Dispose();
    }

    private void Check()
    {
        var now = TimeProvider.System.GetTimestamp();
        var progress = Progress;
        if (progress != _lastSeen)
        {
            _lastSeen = progress;
            _lastChange = now;
        }
        else if (now - _lastChange >= _idleTicks)
        {
            try
            {
                _source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Disposed while this tick was running: the loop is over anyway.
            }
        }
    }
}
