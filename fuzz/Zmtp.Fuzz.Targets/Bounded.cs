namespace Zmtp.Fuzz;

/// <summary>Waits that fail loudly (<see cref="FuzzHangException"/>) instead of hanging.</summary>
internal static class Bounded
{
    /// <summary>Long enough for a loaded 2-core machine, short against afl-fuzz's own timeout.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    public static T Wait<T>(ValueTask<T> task, string what)
    {
        if (task.IsCompletedSuccessfully)
        {
            return task.Result;
        }

        var asTask = task.AsTask();
        if (!asTask.Wait(Limit, CancellationToken.None))
        {
            throw new FuzzHangException($"{what} did not finish within {Limit}.");
        }

        return asTask.GetAwaiter().GetResult();
    }

    public static void Wait(ValueTask task, string what)
    {
        if (task.IsCompletedSuccessfully)
        {
            return;
        }

        Wait(task.AsTask(), what);
    }

    public static void Wait(Task task, string what)
    {
        bool done;
        try
        {
            done = task.Wait(Limit, CancellationToken.None);
        }
        catch (AggregateException)
        {
            done = true;
        }

        if (!done)
        {
            throw new FuzzHangException($"{what} did not finish within {Limit}.");
        }

        // Rethrows the task's own exception, not an AggregateException, so callers filter by type.
        task.GetAwaiter().GetResult();
    }
}
