namespace Zmtp.Streams;

/// <summary>A failure reported by a <see cref="ZmtpStream"/>: the stream goes on with the next message.</summary>
public sealed class StreamErrorEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    /// <param name="exception">What was thrown.</param>
    /// <param name="source">Where.</param>
    /// <param name="message">The message being handled, if any.</param>
    public StreamErrorEventArgs(Exception exception, StreamErrorSource source, Message? message)
    {
        Exception = exception;
        Source = source;
        Message = message;
    }

    /// <summary>What was thrown.</summary>
    public Exception Exception { get; }

    /// <summary>Where it was thrown.</summary>
    public StreamErrorSource Source { get; }

    /// <summary>The message being received or sent when it happened; null when none. Valid only during the
    /// event handler (the stream may dispose it afterwards; call <see cref="Zmtp.Message.ToArrays"/> to keep its bytes).</summary>
    public Message? Message { get; }
}
