namespace Zmtp.Fuzz;

/// <summary>
/// One fuzz target: a function of the input bytes that returns normally for every input the code under
/// test handles as documented and throws for a bug (an undocumented exception, a broken property, a hang).
/// </summary>
public sealed class FuzzTarget
{
    internal FuzzTarget(string name, string summary, bool outOfProcess, Action<byte[]> run)
    {
        Name = name;
        Summary = summary;
        OutOfProcess = outOfProcess;
        RunCore = run;
    }

    /// <summary>The name on the command line and of its corpus folder (<c>fuzz/corpus/NAME</c>).</summary>
    public string Name { get; }

    /// <summary>One line on what the target feeds and checks.</summary>
    public string Summary { get; }

    /// <summary>
    /// True for targets that drive async code, threads or sockets: afl-fuzz runs them out of process
    /// (SharpFuzz restarts a child that dies or is killed for a timeout, instead of losing the fork server).
    /// </summary>
    public bool OutOfProcess { get; }

    private Action<byte[]> RunCore { get; }

    /// <summary>Runs the target on one input.</summary>
    /// <param name="input">The input bytes.</param>
    public void Run(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // As under afl-fuzz: no SynchronizationContext. With one (a test runner's) on the thread that
        // completes a pipe read, .NET queues ConfigureAwait(false) continuations to the thread pool instead
        // of running them inline, and the in-memory targets would no longer be deterministic.
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            RunCore(input);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
