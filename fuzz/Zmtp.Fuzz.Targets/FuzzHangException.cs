namespace Zmtp.Fuzz;

/// <summary>
/// Thrown when an operation that has all its input (the peer already closed, or everything buffered)
/// did not finish in time. The targets bound every wait themselves so that a hang shows up as a crash
/// with a stack trace instead of an afl-fuzz timeout that kills the process.
/// </summary>
public sealed class FuzzHangException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What did not finish.</param>
    public FuzzHangException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public FuzzHangException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What did not finish.</param>
    /// <param name="inner">The cause.</param>
    public FuzzHangException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
