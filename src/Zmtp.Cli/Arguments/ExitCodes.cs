namespace Zmtp.Cli.Arguments;

/// <summary>The process exit codes of the contract; other tools script against these values.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>--timeout elapsed: no message, no reply, or no peer to take a message.</summary>
    public const int Timeout = 1;

    /// <summary>Bad arguments; a one-line error names the problem.</summary>
    public const int Usage = 2;

    /// <summary>Connection failure, such as an address already in use when binding.</summary>
    public const int ConnectionFailure = 3;

    /// <summary>Interrupted (SIGINT/SIGTERM) before a finite command finished; the shell convention 128 + 2.</summary>
    public const int Interrupted = 130;
}
