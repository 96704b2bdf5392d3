namespace Zmtp.Fuzz;

/// <summary>
/// Thrown by a target when the code under test broke a property it promises (two ways of feeding the
/// same bytes disagree, a round trip changed a value, a good peer was no longer served). Like any
/// exception that escapes a target, afl-fuzz records the input as a crash.
/// </summary>
public sealed class FuzzBugException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, with the values involved.</param>
    public FuzzBugException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public FuzzBugException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="inner">The cause.</param>
    public FuzzBugException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
