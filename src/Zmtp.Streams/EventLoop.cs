namespace Zmtp.Streams;

/// <summary>
/// A single-threaded event loop (comparable to Tornado's IOLoop): posted actions, coroutines, timers and
/// stream callbacks run on its thread, one at a time, in the order they became due.
/// </summary>
/// <remarks>
/// <para>Start it with <see cref="Run"/> (on the calling thread, until <see cref="Stop"/>) or
/// <see cref="RunAsync"/> (on a dedicated background thread). Work posted before the loop runs waits for it.</para>
/// <para>While a callback runs, <see cref="Current"/> is the loop and <see cref="System.Threading.SynchronizationContext.Current"/>
/// is the loop's <see cref="SynchronizationContext"/>, so an <c>await</c> inside a callback or coroutine (for
/// example <c>await socket.ReceiveAsync()</c>) resumes on the loop.</para>
/// <para>An exception escaping a callback, timer, coroutine or <c>async void</c> method running on the loop is
/// reported through <see cref="Error"/> (to standard error when nobody handles it) and never stops the loop.</para>
/// </remarks>
public sealed partial class EventLoop : IDisposable, IAsyncDisposable
{
    [ThreadStatic]
    private static EventLoop? t_current;

    private static readonly Lazy<EventLoop> s_default = new(StartDefault, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly SendOrPostCallback s_invokeAction = state => ((Action)state!)();

    private readonly object _sync = new();
    private readonly EventLoopSynchronizationContext _context;
    private Queue<WorkItem> _pending = new();
    private Queue<WorkItem> _running = new();
    private Thread? _thread;
    private Task? _runTask;
    private bool _stopRequested;
    private bool _sleeping;
    private bool _disposed;
    private bool _isDefault;

    /// <summary>Creates a loop; it runs nothing until <see cref="Run"/> or <see cref="RunAsync"/>.</summary>
    /// <param name="name">The name of the loop's thread when started by <see cref="RunAsync"/>.</param>
    public EventLoop(string? name = null)
    {
        Name = name ?? "Zmtp.EventLoop";
        _context = new EventLoopSynchronizationContext(this);
    }

    /// <summary>The loop whose callback is running on the calling thread; null off any loop.</summary>
    public static EventLoop? Current => t_current;

    /// <summary>The process-wide loop used by streams created with neither a loop nor a synchronization
    /// context. Started on first use on a background thread; it cannot be stopped or disposed.</summary>
    public static EventLoop Default => s_default.Value;

    /// <summary>The loop's name (its thread's name when started by <see cref="RunAsync"/>).</summary>
    public string Name { get; }

    /// <summary>Posts to this loop; installed as the current context while the loop runs callbacks.</summary>
    public SynchronizationContext SynchronizationContext => _context;

    /// <summary>True while a thread runs the loop.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_sync)
            {
                return _thread is not null;
            }
        }
    }

    /// <summary>True when called from the loop's own thread while it runs.</summary>
    public bool IsOnLoopThread => ReferenceEquals(t_current, this);

    /// <summary>Runs the loop on the calling thread until <see cref="Stop"/> is called.</summary>
    /// <exception cref="InvalidOperationException">The loop is already running, or this thread already runs a loop.</exception>
    /// <exception cref="ObjectDisposedException">The loop has been disposed.</exception>
    public void Run()
    {
        if (t_current is not null)
        {
            throw new InvalidOperationException("This thread is already running an event loop; loops do not nest.");
        }

        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_thread is not null && _thread != Thread.CurrentThread)
            {
                throw new InvalidOperationException("The event loop is already running on another thread.");
            }

            _thread = Thread.CurrentThread;
            _stopRequested = false;
        }

        var previousContext = SynchronizationContext.Current;
        t_current = this;
        SynchronizationContext.SetSynchronizationContext(_context);
        try
        {
            Loop();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previousContext);
            t_current = null;
            lock (_sync)
            {
                _thread = null;
            }
        }
    }

    /// <summary>Runs the loop on a new background thread.</summary>
    /// <returns>A task that completes when the loop stops.</returns>
    /// <exception cref="InvalidOperationException">The loop is already running.</exception>
    /// <exception cref="ObjectDisposedException">The loop has been disposed.</exception>
    public Task RunAsync()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run();
                stopped.TrySetResult();
            }
            catch (Exception ex)
            {
                stopped.TrySetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = Name,
        };

        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_thread is not null)
            {
                throw new InvalidOperationException("The event loop is already running.");
            }

            // Reserved before the thread starts, so a second RunAsync fails here rather than on the new thread.
            _thread = thread;
            _runTask = stopped.Task;
        }

        thread.Start();
        return stopped.Task;
    }

    /// <summary>Asks the loop to stop: <see cref="Run"/> returns once the callbacks of the current iteration
    /// have run. Work still queued stays queued for a later run. Callable from any thread.</summary>
    /// <exception cref="InvalidOperationException">This is <see cref="Default"/>, which other code shares.</exception>
    public void Stop()
    {
        ThrowIfDefault();
        StopCore();
    }

    /// <summary>Queues <paramref name="action"/> to run on the loop. Callable from any thread.</summary>
    /// <param name="action">The work.</param>
    /// <exception cref="ObjectDisposedException">The loop has been disposed.</exception>
    public void Post(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!TryEnqueue(s_invokeAction, action))
        {
            throw new ObjectDisposedException(nameof(EventLoop));
        }
    }

    /// <summary>Stops the loop (if running) and refuses further work; queued work is dropped.</summary>
    /// <exception cref="InvalidOperationException">This is <see cref="Default"/>.</exception>
    public void Dispose()
    {
        ThrowIfDefault();
        lock (_sync)
        {
            _disposed = true;
            _pending.Clear();
        }

        StopCore();
    }

    /// <summary>Disposes the loop and, unless called from the loop itself, waits for a loop started by
    /// <see cref="RunAsync"/> to stop.</summary>
    /// <returns>A task that completes when the loop has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        Dispose();
        Task? running;
        lock (_sync)
        {
            running = _runTask;
        }

        if (running is not null && !IsOnLoopThread)
        {
            await running.ConfigureAwait(false);
        }
    }

    /// <summary>Queues a callback; false when the loop has been disposed.</summary>
    internal bool TryEnqueue(SendOrPostCallback callback, object? state)
    {
        lock (_sync)
        {
            if (_disposed)
            {
                return false;
            }

            _pending.Enqueue(new WorkItem(callback, state));
            if (_sleeping)
            {
                Monitor.Pulse(_sync);
            }

            return true;
        }
    }

    private void Loop()
    {
        while (true)
        {
            lock (_sync)
            {
                while (true)
                {
                    if (_stopRequested)
                    {
                        _stopRequested = false;
                        return;
                    }

                    if (_pending.Count > 0)
                    {
                        break;
                    }

                    var wait = MillisecondsToNextTimerLocked();
                    if (wait == 0)
                    {
                        break;
                    }

                    _sleeping = true;
                    Monitor.Wait(_sync, wait);
                    _sleeping = false;
                }

                // One iteration runs what was queued when it began; work queued meanwhile waits for the next,
                // so a callback that re-posts itself cannot starve timers or other callbacks.
                (_pending, _running) = (_running, _pending);
            }

            while (_running.TryDequeue(out var item))
            {
                Invoke(item.Callback, item.State);
            }

            RunDueTimers();
        }
    }

    private void Invoke(SendOrPostCallback callback, object? state)
    {
        try
        {
            callback(state);
        }
        catch (Exception ex)
        {
            ReportError(ex, "a callback posted to the event loop");
        }
    }

    private void StopCore()
    {
        lock (_sync)
        {
            if (_thread is null)
            {
                return;
            }

            _stopRequested = true;
            Monitor.Pulse(_sync);
        }
    }

    private void ThrowIfDefault()
    {
        if (_isDefault)
        {
            throw new InvalidOperationException("EventLoop.Default is shared by the whole process and cannot be stopped or disposed.");
        }
    }

    private static EventLoop StartDefault()
    {
        var loop = new EventLoop("Zmtp.EventLoop.Default") { _isDefault = true };
        _ = loop.RunAsync();
        return loop;
    }

    private readonly record struct WorkItem(SendOrPostCallback Callback, object? State);
}
