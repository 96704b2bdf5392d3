namespace Zmtp.Cli.Commands;

/// <summary>
/// Bounds one wait at a time by --timeout, on top of the Ctrl+C token. One instance is reused for every
/// wait (<see cref="CancellationTokenSource.TryReset"/>), so a long recv does not allocate a source per message.
/// </summary>
internal sealed class WaitTimer : IDisposable
{
    private readonly TimeSpan? _timeout;
    private readonly CancellationToken _interrupt;
    private CancellationTokenSource _source;

    public WaitTimer(int? timeoutMs, CancellationToken interrupt)
    {
        _timeout = timeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
        _interrupt = interrupt;
        _source = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
    }

    /// <summary>Arms the timer; the token is cancelled when the timeout passes or on Ctrl+C.</summary>
    public CancellationToken Start()
    {
        if (!_source.TryReset())
        {
            _source.Dispose();
            _source = CancellationTokenSource.CreateLinkedTokenSource(_interrupt);
        }

        if (_timeout is { } timeout)
        {
            _source.CancelAfter(timeout);
        }

        return _source.Token;
    }

    /// <summary>True when a cancellation came from the timeout rather than from Ctrl+C.</summary>
    public bool TimedOut => _source.IsCancellationRequested && !_interrupt.IsCancellationRequested;

    public void Dispose() => _source.Dispose();
}
