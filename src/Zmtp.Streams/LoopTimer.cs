namespace Zmtp.Streams;

/// <summary>A timer set on an <see cref="EventLoop"/> by <see cref="EventLoop.CallLater"/>,
/// <see cref="EventLoop.CallAt"/> or <see cref="EventLoop.CallEvery"/>; cancel it to stop it.</summary>
public sealed class LoopTimer : IDisposable
{
    private int _state; // 0 active, 1 cancelled, 2 fired (one-shot)

    internal LoopTimer(EventLoop loop, Action callback, TimeSpan period)
    {
        Loop = loop;
        Callback = callback;
        Period = period;
    }

    /// <summary>The loop the timer runs on.</summary>
    public EventLoop Loop { get; }

    /// <summary>The interval of a periodic timer; <see cref="TimeSpan.Zero"/> for a one-shot timer.</summary>
    public TimeSpan Period { get; }

    /// <summary>True until the timer is cancelled or, for a one-shot timer, until it has fired.</summary>
    public bool IsActive => Volatile.Read(ref _state) == 0;

    internal Action Callback { get; }

    /// <summary>When the timer is next due, in <see cref="System.Diagnostics.Stopwatch"/> ticks (under the loop's lock).</summary>
    internal long Due { get; set; }

    internal bool IsCancelled => Volatile.Read(ref _state) == 1;

    /// <summary>Stops the timer: its callback does not run again (a run already in progress finishes).
    /// Calling it twice, or after a one-shot timer fired, does nothing.</summary>
    public void Cancel() => Interlocked.CompareExchange(ref _state, 1, 0);

    /// <summary>Same as <see cref="Cancel"/>.</summary>
    public void Dispose() => Cancel();

    internal void MarkFired() => Interlocked.CompareExchange(ref _state, 2, 0);
}
