using System.Diagnostics;

namespace Zmtp.Polling;

/// <summary>
/// A one-shot flag a blocked thread waits on and a task continuation sets. Built on a monitor rather than an
/// event handle, so a late continuation (after the waiter gave up) never touches a disposed object.
/// </summary>
internal sealed class Waker
{
    private readonly object _gate = new();
    private bool _set;

    /// <summary>Sets the flag and releases the waiting thread.</summary>
    public void Set()
    {
        lock (_gate)
        {
            _set = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Blocks until <see cref="Set"/> has been called or <paramref name="timeout"/> passes.</summary>
    /// <param name="timeout">The longest wait; <see cref="Timeout.InfiniteTimeSpan"/> for none.</param>
    /// <returns>True if the flag was set.</returns>
    public bool Wait(TimeSpan timeout)
    {
        var start = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            while (!_set)
            {
                var left = timeout;
                if (timeout != Timeout.InfiniteTimeSpan)
                {
                    left = timeout - Stopwatch.GetElapsedTime(start);
                    if (left <= TimeSpan.Zero)
                    {
                        return false;
                    }
                }

                Monitor.Wait(_gate, left);
            }

            return true;
        }
    }
}
