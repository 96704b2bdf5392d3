namespace Zmtp.Proxying;

/// <summary>
/// The steerable proxy's PAUSE/RESUME switch. Forwarding loops pass it before taking each message, so a
/// paused proxy leaves new messages queued in its sockets.
/// </summary>
internal sealed class PauseGate
{
    private readonly object _sync = new();

    /// <summary>Completed by RESUME; null while the gate is open.</summary>
    private TaskCompletionSource? _resumed;

    /// <summary>True while forwarding is allowed.</summary>
    public bool IsOpen => Volatile.Read(ref _resumed) is null;

    /// <summary>Stops forwarding (idempotent).</summary>
    public void Pause()
    {
        lock (_sync)
        {
            if (_resumed is null)
            {
                Volatile.Write(ref _resumed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
        }
    }

    /// <summary>Lets forwarding continue (idempotent).</summary>
    public void Resume()
    {
        TaskCompletionSource? resumed;
        lock (_sync)
        {
            resumed = _resumed;
            Volatile.Write(ref _resumed, null);
        }

        resumed?.TrySetResult();
    }

    /// <summary>Completes at once while open; otherwise when the proxy is resumed.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when forwarding is allowed.</returns>
    public ValueTask WaitOpenAsync(CancellationToken cancellationToken)
    {
        var resumed = Volatile.Read(ref _resumed);
        return resumed is null ? ValueTask.CompletedTask : new ValueTask(resumed.Task.WaitAsync(cancellationToken));
    }
}
