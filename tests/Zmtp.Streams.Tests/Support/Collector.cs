namespace Zmtp.Streams.Tests.Support;

/// <summary>Thread-safe list of what callbacks saw, with a wait for a count.</summary>
internal sealed class Collector<T>
{
    private readonly List<T> _items = [];
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public List<T> Snapshot()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
            foreach (var (count, done) in _waiters)
            {
                if (_items.Count >= count)
                {
                    done.TrySetResult();
                }
            }
        }
    }

    public Task WaitForAsync(int count, TimeSpan? timeout = null)
    {
        lock (_items)
        {
            if (_items.Count >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return WaitAsync(done.Task, count, timeout ?? LoopScope.Timeout);
        }
    }

    private async Task WaitAsync(Task done, int count, TimeSpan timeout)
    {
        try
        {
            await done.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out waiting for {count} items; have {Count}.");
        }
    }
}
