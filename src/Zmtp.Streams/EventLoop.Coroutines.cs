namespace Zmtp.Streams;

/// <content>Coroutines (async work started on the loop) and error reporting.</content>
public sealed partial class EventLoop
{
    private static readonly SendOrPostCallback s_startCoroutine = state =>
    {
        var (loop, coroutine) = ((EventLoop, Func<Task>))state!;
        _ = loop.ObserveAsync(coroutine);
    };

    /// <summary>Raised, on the thread where it happened (normally the loop's), for every exception that
    /// escaped a callback, timer, coroutine started by <see cref="Post(Func{Task})"/>, <c>async void</c> method
    /// or stream callback without its own handler. The loop goes on either way. With no handler the exception
    /// is written to standard error.</summary>
    public event EventHandler<LoopErrorEventArgs>? Error;

    /// <summary>Starts <paramref name="coroutine"/> on the loop; its awaits resume on the loop. An exception it
    /// ends with is reported through <see cref="Error"/> (cancellation is not an error). Callable from any thread.</summary>
    /// <param name="coroutine">The async work.</param>
    /// <exception cref="ObjectDisposedException">The loop has been disposed.</exception>
    public void Post(Func<Task> coroutine)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        if (!TryEnqueue(s_startCoroutine, (this, coroutine)))
        {
            throw new ObjectDisposedException(nameof(EventLoop));
        }
    }

    /// <summary>Starts <paramref name="coroutine"/> on the loop and returns its outcome, for callers off the
    /// loop to await. Its exceptions go to the returned task, not to <see cref="Error"/>.</summary>
    /// <param name="coroutine">The async work.</param>
    /// <returns>A task that completes as the coroutine does.</returns>
    public Task RunCoroutine(Func<Task> coroutine)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        return RunCoroutine(async () =>
        {
            await coroutine().ConfigureAwait(true);
            return true;
        });
    }

    /// <summary>Starts <paramref name="coroutine"/> on the loop and returns its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="coroutine">The async work.</param>
    /// <returns>A task that completes with the coroutine's result.</returns>
    public Task<T> RunCoroutine<T>(Func<Task<T>> coroutine)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        var outcome = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            Task<T> task;
            try
            {
                task = coroutine();
            }
            catch (Exception ex)
            {
                outcome.TrySetException(ex);
                return;
            }

            _ = ForwardAsync(task, outcome);
        });
        return outcome.Task;
    }

    /// <summary>Runs <paramref name="action"/> on the loop and completes when it has run (with its exception,
    /// if it threw).</summary>
    /// <param name="action">The work.</param>
    /// <returns>A task that completes after the action ran.</returns>
    public Task InvokeAsync(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return InvokeAsync(() =>
        {
            action();
            return true;
        });
    }

    /// <summary>Runs <paramref name="function"/> on the loop and returns its result.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="function">The work.</param>
    /// <returns>A task with the function's result.</returns>
    public Task<T> InvokeAsync<T>(Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var outcome = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                outcome.TrySetResult(function());
            }
            catch (Exception ex)
            {
                outcome.TrySetException(ex);
            }
        });
        return outcome.Task;
    }

    /// <summary>Reports an exception through <see cref="Error"/>; never throws.</summary>
    internal void ReportError(Exception exception, string source)
    {
        var handler = Error;
        if (handler is null)
        {
            try
            {
                Console.Error.WriteLine($"Unhandled exception in {source} on event loop '{Name}': {exception}");
            }
            catch (IOException)
            {
                // Nowhere left to report it; the loop must go on regardless.
            }

            return;
        }

        try
        {
            handler(this, new LoopErrorEventArgs(exception, source));
        }
        catch (Exception)
        {
            // An error handler that throws must not stop the loop either.
        }
    }

    private async Task ObserveAsync(Func<Task> coroutine)
    {
        try
        {
            await coroutine().ConfigureAwait(true);
        }
        catch (OperationCanceledException)
        {
            // Cancellation is how coroutines are asked to end; not an error.
        }
        catch (Exception ex)
        {
            ReportError(ex, "a coroutine");
        }
    }

    private static async Task ForwardAsync<T>(Task<T> task, TaskCompletionSource<T> outcome)
    {
        try
        {
            outcome.TrySetResult(await task.ConfigureAwait(true));
        }
        catch (OperationCanceledException ex)
        {
            outcome.TrySetCanceled(ex.CancellationToken);
        }
        catch (Exception ex)
        {
            outcome.TrySetException(ex);
        }
    }
}
