using Zmtp.Sockets.Tests.Support;

namespace Zmtp.Sockets.Tests;

/// <summary>Disconnecting and closing in the corners: after a protocol error, and from a single-threaded context.</summary>
public sealed class EndpointLifecycleTests
{
    [Fact]
    public async Task Disconnect_after_the_connector_gave_up_on_a_protocol_error_does_not_throw()
    {
        await using var pull = new PullSocket();
        pull.Options.Linger = TimeSpan.Zero;
        var endpoint = pull.Bind("tcp://127.0.0.1:*");
        await using var req = new ReqSocket();
        req.Options.Linger = TimeSpan.Zero;
        var events = req.StartMonitor(SocketEventType.HandshakeFailedProtocol);
        req.Connect(endpoint);

        // REQ and PULL are incompatible: the handshake fails and libzmq-style, the endpoint is abandoned.
        Assert.Equal(SocketEventType.HandshakeFailedProtocol, (await events.ReadAsync().AsTask().WaitAsync(Wait.Limit)).Type);
        await Task.Delay(50); // lets the connector wind down, the case that used to throw
        req.Disconnect(endpoint);
    }

    [Fact]
    public async Task Blocking_dispose_on_a_single_threaded_context_returns()
    {
        var context = new SingleThreadContext();
        var done = new TaskCompletionSource();
        context.Post(
            _ =>
            {
                var push = new PushSocket();
                push.Options.Linger = TimeSpan.FromSeconds(5);
                push.Bind("tcp://127.0.0.1:*");
                push.Dispose();
                done.SetResult();
            },
            null);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(4));
        context.Stop();
    }

    /// <summary>A context that runs posted work on one dedicated thread, like a UI or event-loop thread.</summary>
    private sealed class SingleThreadContext : SynchronizationContext
    {
        private readonly System.Collections.Concurrent.BlockingCollection<(SendOrPostCallback, object?)> _work = [];

        public SingleThreadContext()
        {
            var thread = new Thread(() =>
            {
                SetSynchronizationContext(this);
                foreach (var (callback, state) in _work.GetConsumingEnumerable())
                {
                    callback(state);
                }
            }) { IsBackground = true };
            thread.Start();
        }

        public override void Post(SendOrPostCallback d, object? state) => _work.Add((d, state));

        public void Stop() => _work.CompleteAdding();
    }
}
