namespace Zmtp.Cli.Arguments;

/// <summary>Bad command-line arguments; the message is the one-line error printed after "zmtp: ".</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
