using Zmtp.Cli.Output;

namespace Zmtp.Cli.Commands;

/// <summary>What every command gets: where results and diagnostics go, and the Ctrl+C token.</summary>
/// <param name="Stdout">Messages and results only.</param>
/// <param name="Stderr">Diagnostics, each line starting with "zmtp: ".</param>
/// <param name="Interrupt">Cancelled on SIGINT/SIGTERM.</param>
internal sealed record CliContext(OutputSink Stdout, TextWriter Stderr, CancellationToken Interrupt)
{
    /// <summary>Writes one diagnostic line to standard error.</summary>
    public void Diagnostic(string message) => Stderr.WriteLine("zmtp: " + message);
}
