namespace Zmtp;

/// <summary>
/// A failure of a Zmtp socket operation that is not a usage error (those raise the standard .NET exceptions:
/// <see cref="InvalidOperationException"/> for breaking a pattern, <see cref="NotSupportedException"/> for an
/// operation the socket type does not have, <see cref="TimeoutException"/> for timeouts).
/// </summary>
public class ZmtpException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What went wrong.</param>
    /// <param name="message">A sentence that says what went wrong and where.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ZmtpException(ZmtpError error, string message, Exception? innerException = null)
        : base(message, innerException) => Error = error;

    /// <summary>What went wrong.</summary>
    public ZmtpError Error { get; }
}
