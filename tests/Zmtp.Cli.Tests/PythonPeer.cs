using System.Diagnostics;

namespace Zmtp.Cli.Tests;

/// <summary>A libzmq peer: a python3-zmq script run as a child process (Debian's libzmq 4.3).</summary>
internal sealed class PythonPeer : IAsyncDisposable
{
    private readonly Process _process;

    private PythonPeer(string script, string argument)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
    }

    public static PythonPeer Start(string script, string argument = "") => new(script, argument);

    /// <summary>The next line the script prints.</summary>
    public async Task<string> ReadLineAsync() =>
        await _process.StandardOutput.ReadLineAsync().WaitAsync(CliProcess.DefaultTimeout)
        ?? throw new InvalidOperationException("python peer ended: " + await _process.StandardError.ReadToEndAsync());

    /// <summary>Waits for the script to finish; fails with its stderr unless it exits 0.</summary>
    public async Task WaitForSuccessAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(CliProcess.DefaultTimeout);
        Assert.True(_process.ExitCode == 0, await _process.StandardError.ReadToEndAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }
}
