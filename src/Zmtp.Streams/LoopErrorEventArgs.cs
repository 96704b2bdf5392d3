namespace Zmtp.Streams;

/// <summary>An exception that escaped work running on an <see cref="EventLoop"/>.</summary>
public sealed class LoopErrorEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="source">What was running (for logs), e.g. "a timer callback".</param>
    public LoopErrorEventArgs(Exception exception, string source)
    {
        Exception = exception;
        Source = source;
    }

    /// <summary>The exception.</summary>
    public Exception Exception { get; }

    /// <summary>What was running when it was thrown, in words.</summary>
    public string Source { get; }
}
