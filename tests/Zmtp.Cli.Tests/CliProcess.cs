using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace Zmtp.Cli.Tests;

/// <summary>
/// The zmtp tool running as a child process (<c>dotnet zmtp.dll ...</c>) with redirected output. Every wait
/// has a timeout that fails loudly with what the process printed; disposing kills the process tree.
/// </summary>
internal sealed partial class CliProcess : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly Channel<string> _stdoutLines = Channel.CreateUnbounded<string>();
    private readonly Channel<string> _stderrLines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _commandLine;

    private CliProcess(string[] args)
    {
        _commandLine = "zmtp " + string.Join(' ', args.Select(a => a.Length == 0 || a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ToolPath.Value);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, _stdout, _stdoutLines, _stdoutClosed);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, _stderr, _stderrLines, _stderrClosed);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>zmtp.dll: next to the test assembly when the build copied it there, else in the Cli project's output.</summary>
    private static readonly Lazy<string> ToolPath = new(FindTool);

    public int Id => _process.Id;

    public static CliProcess Start(params string[] args) => new(args);

    /// <summary>Runs the tool to completion and returns its exit code and output.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        await using var process = Start(args);
        var code = await process.WaitForExitAsync();
        return (code, process.Stdout, process.Stderr);
    }

    /// <summary>Everything written to standard output so far (complete lines).</summary>
    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Everything written to standard error so far (complete lines).</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>The next line of standard output.</summary>
    public async Task<string> ReadLineAsync(TimeSpan? timeout = null)
    {
        try
        {
            return await _stdoutLines.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (Exception e) when (e is TimeoutException or ChannelClosedException)
        {
            throw new InvalidOperationException($"no stdout line from {Describe()}", e);
        }
    }

    /// <summary>Waits for the "bound to ENDPOINT" diagnostic and returns the resolved endpoint.</summary>
    public async Task<string> BoundEndpointAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await foreach (var line in _stderrLines.Reader.ReadAllAsync(cts.Token))
            {
                var match = BoundPattern().Match(line);
                if (match.Success)
                {
                    return match.Groups[1].Value;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new InvalidOperationException($"no bound endpoint reported by {Describe()}");
    }

    /// <summary>Waits for the process to exit (failing with its output if it does not) and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout ?? DefaultTimeout);
            await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"did not exit in time: {Describe()}", e);
        }

        return _process.ExitCode;
    }

    /// <summary>Sends a POSIX signal (e.g. SIGINT = 2) to the process.</summary>
    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    public string Describe() => $"{_commandLine}\n--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}";

    private static void OnLine(string? line, StringBuilder all, Channel<string> lines, TaskCompletionSource closed)
    {
        if (line is null)
        {
            lines.Writer.TryComplete();
            closed.TrySetResult();
            return;
        }

        lock (all)
        {
            all.Append(line).Append('\n');
        }

        lines.Writer.TryWrite(line);
    }

    private static string FindTool()
    {
        var here = AppContext.BaseDirectory;
        if (File.Exists(Path.Combine(here, "zmtp.dll")) && File.Exists(Path.Combine(here, "zmtp.runtimeconfig.json")))
        {
            return Path.Combine(here, "zmtp.dll");
        }

        // bin/<Configuration>/<tfm>/ of the test project mirrors the Cli project's output folder.
        var tfm = new DirectoryInfo(here).Name;
        var configuration = new DirectoryInfo(here).Parent!.Name;
        for (var dir = new DirectoryInfo(here); dir is not null; dir = dir.Parent)
        {
            foreach (var project in new[] { Path.Combine("src", "Zmtp.Cli"), "Cli" })
            {
                var candidate = Path.Combine(dir.FullName, project, "bin", configuration, tfm, "zmtp.dll");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"zmtp.dll not found next to {here} or in src/Zmtp.Cli/bin/{configuration}/{tfm}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"bound to (\S+)")]
    private static partial Regex BoundPattern();
}
