namespace Zmtp.Core;

/// <summary>
/// A level-free wake-up for waiters of a condition ("a peer has room", "a queue drained"): take
/// <see cref="WaitTask"/>, re-check the condition, then await the task. <see cref="Set"/> wakes every waiter
/// that took the task before it. Allocates only when someone actually waits.
/// </summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _current = NewSource();
    private int _armed;

    /// <summary>A task completed by the next <see cref="Set"/>.</summary>
    public Task WaitTask
    {
        get
        {
            // A full fence: the caller's re-check of its condition must not be read before the arming is
            // visible, or a Set in between could see "nobody waits" and the wake-up would be lost.
            Interlocked.Exchange(ref _armed, 1);
            return Volatile.Read(ref _current).Task;
        }
    }

    /// <summary>Wakes everyone waiting on a task taken before this call.</summary>
    public void Set()
    {
        // The fence orders the caller's change of the condition before the read of the arming (the other
        // half of the waiter's fence); with nobody waiting no cache line is written.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _armed) == 0 || Interlocked.Exchange(ref _armed, 0) == 0)
        {
            return;
        }

        Interlocked.Exchange(ref _current, NewSource()).TrySetResult();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
