using System.Collections.Concurrent;

namespace Zmtp.Streams.Tests.Support;

/// <summary>A running event loop for one test, collecting the errors it reports.</summary>
internal sealed class LoopScope : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private LoopScope()
    {
        Loop = new EventLoop("test-loop");
        Loop.Error += (_, e) => Errors.Enqueue(e);
        Running = Loop.RunAsync();
    }

    public EventLoop Loop { get; }

    public Task Running { get; }

    public ConcurrentQueue<LoopErrorEventArgs> Errors { get; } = new();

    public static LoopScope Start() => new();

    /// <summary>A stream on this loop whose errors are collected in <paramref name="errors"/>.</summary>
    public ZmtpStream Stream(ZmtpSocket socket, ConcurrentQueue<StreamErrorEventArgs>? errors = null)
    {
        var stream = new ZmtpStream(socket, Loop);
        if (errors is not null)
        {
            stream.Error += (_, e) => errors.Enqueue(e);
        }

        return stream;
    }

    /// <summary>Runs <paramref name="action"/> on the loop and waits for it.</summary>
    public Task OnLoop(Action action) => Loop.InvokeAsync(action).WaitAsync(Timeout);

    public Task<T> OnLoop<T>(Func<T> function) => Loop.InvokeAsync(function).WaitAsync(Timeout);

    public async ValueTask DisposeAsync()
    {
        await Loop.DisposeAsync().AsTask().WaitAsync(Timeout);
        await Running.WaitAsync(Timeout);
    }
}
