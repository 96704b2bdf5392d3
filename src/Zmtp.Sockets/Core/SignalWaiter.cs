using System.Threading.Tasks.Sources;

namespace Zmtp.Core;

/// <summary>
/// The reusable completion source behind <see cref="AsyncSignal"/>'s single fast waiter: armed, then either
/// signalled, cancelled or disarmed, and awaited at most once per arming. The states keep a completion and a
/// re-arming from overlapping.
/// </summary>
internal sealed class SignalWaiter : IValueTaskSource
{
    private const int Idle = 0;
    private const int Armed = 1;
    private const int Firing = 2;
    private const int Fired = 3;

    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private int _state;

    /// <summary>Arms for one wake-up; the result completes at <see cref="TrySignal"/> or cancellation.</summary>
    public ValueTask Arm()
    {
        // A completion still in progress from the previous arming must finish before the core is reset.
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _state) == Firing)
        {
            spinner.SpinOnce();
        }

        _core.Reset();

        // A full fence, so the caller's re-check of its condition happens after the arming is visible.
        Interlocked.Exchange(ref _state, Armed);
        return new ValueTask(this, _core.Version);
    }

    /// <summary>Takes the arming back when the waiter no longer needs to wait; false if it already fired
    /// (then the armed task is complete and must still be awaited).</summary>
    public bool TryDisarm() => Interlocked.CompareExchange(ref _state, Idle, Armed) == Armed;

    /// <summary>Completes the armed wait, if any.</summary>
    public void TrySignal()
    {
        if (Volatile.Read(ref _state) == Armed && Interlocked.CompareExchange(ref _state, Firing, Armed) == Armed)
        {
            _core.SetResult(true);
            Volatile.Write(ref _state, Fired);
        }
    }

    /// <summary>Fails the armed wait with cancellation, if it has not fired yet.</summary>
    public void TryCancel(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Firing, Armed) == Armed)
        {
            _core.SetException(new OperationCanceledException(cancellationToken));
            Volatile.Write(ref _state, Fired);
        }
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
