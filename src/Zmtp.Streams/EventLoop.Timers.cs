using System.Diagnostics;

namespace Zmtp.Streams;

/// <content>Timers: one-shot (<see cref="CallLater"/>, <see cref="CallAt"/>) and periodic (<see cref="CallEvery"/>).</content>
public sealed partial class EventLoop
{
    // Ordered by due time, then by creation, so timers due at the same moment run in the order they were set.
    private readonly PriorityQueue<LoopTimer, (long Due, long Sequence)> _timers = new();
    private readonly List<LoopTimer> _dueTimers = [];
    private long _timerSequence;

    /// <summary>Runs <paramref name="callback"/> on the loop once <paramref name="delay"/> has passed.</summary>
    /// <param name="delay">How long to wait; zero or negative runs it in the next iteration.</param>
    /// <param name="callback">The work.</param>
    /// <returns>A handle that cancels the call.</returns>
    public LoopTimer CallLater(TimeSpan delay, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Schedule(new LoopTimer(this, callback, TimeSpan.Zero), Due(delay));
    }

    /// <summary>Runs <paramref name="callback"/> on the loop at <paramref name="when"/> (measured on the
    /// monotonic clock from now, so changes of the wall clock do not move it).</summary>
    /// <param name="when">The moment to run; a past moment runs it in the next iteration.</param>
    /// <param name="callback">The work.</param>
    /// <returns>A handle that cancels the call.</returns>
    public LoopTimer CallAt(DateTimeOffset when, Action callback) => CallLater(when - DateTimeOffset.UtcNow, callback);

    /// <summary>Runs <paramref name="callback"/> on the loop every <paramref name="period"/>, first after one
    /// period, until the returned handle is cancelled. Runs missed while the loop was busy are skipped, not
    /// bunched up.</summary>
    /// <param name="period">The interval; must be positive.</param>
    /// <param name="callback">The work; an exception it throws is reported and the timer keeps running.</param>
    /// <returns>A handle that stops the timer.</returns>
    public LoopTimer CallEvery(TimeSpan period, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        return Schedule(new LoopTimer(this, callback, period), Due(period));
    }

    private static long Due(TimeSpan delay)
    {
        var now = Stopwatch.GetTimestamp();
        if (delay <= TimeSpan.Zero)
        {
            return now;
        }

        var ticks = (long)Math.Min(delay.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 2);
        return now + ticks;
    }

    private LoopTimer Schedule(LoopTimer timer, long due)
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            timer.Due = due;
            _timers.Enqueue(timer, (due, _timerSequence++));
            if (_sleeping)
            {
                Monitor.Pulse(_sync);
            }
        }

        return timer;
    }

    /// <summary>Milliseconds until the next live timer is due: 0 if one is due, -1 if there is none.</summary>
    private int MillisecondsToNextTimerLocked()
    {
        while (_timers.TryPeek(out var next, out _))
        {
            if (next.IsCancelled)
            {
                _timers.Dequeue();
                continue;
            }

            var remaining = next.Due - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return 0;
            }

            // Round up, so the loop never wakes just before the timer and spins.
            var milliseconds = (remaining * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency;
            return (int)Math.Min(milliseconds, int.MaxValue - 1);
        }

        return -1;
    }

    private void RunDueTimers()
    {
        lock (_sync)
        {
            var now = Stopwatch.GetTimestamp();
            while (_timers.TryPeek(out var next, out _) && (next.IsCancelled || next.Due <= now))
            {
                _timers.Dequeue();
                if (!next.IsCancelled)
                {
                    _dueTimers.Add(next);
                }
            }
        }

        if (_dueTimers.Count == 0)
        {
            return;
        }

        foreach (var timer in _dueTimers)
        {
            if (timer.IsCancelled)
            {
                continue;
            }

            if (timer.Period == TimeSpan.Zero)
            {
                timer.MarkFired();
            }

            try
            {
                timer.Callback();
            }
            catch (Exception ex)
            {
                ReportError(ex, "a timer callback");
            }

            if (timer.Period > TimeSpan.Zero && !timer.IsCancelled)
            {
                Reschedule(timer);
            }
        }

        _dueTimers.Clear();
    }

    private void Reschedule(LoopTimer timer)
    {
        var period = (long)(timer.Period.TotalSeconds * Stopwatch.Frequency);
        var now = Stopwatch.GetTimestamp();
        var due = timer.Due + period;
        if (due <= now)
        {
            // The loop fell behind: skip the missed runs instead of firing them back to back.
            due = now + period;
        }

        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            timer.Due = due;
            _timers.Enqueue(timer, (due, _timerSequence++));
        }
    }
}
