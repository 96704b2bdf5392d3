using System.Text;
using Zmtp.Interop.Tests.Native;
using Zmtp.Interop.Tests.Sockets;
using Zmtp.Interop.Tests.Support;

namespace Zmtp.Interop.Tests.Broker;

/// <summary>
/// The classic request-reply broker with our sockets in the middle: libzmq REQ clients → our ROUTER
/// frontend → <see cref="Proxy.QueueAsync"/> → our DEALER backend → libzmq REP workers, and back.
/// </summary>
public sealed class BrokerInteropTests
{
    private const int Clients = 4;
    private const int RequestsPerClient = 2_500;
    private const int Workers = 3;
    private const string ReplyPrefix = "reply:";

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData(TransportCase.Tcp)]
    [InlineData(TransportCase.IpcAbstract)]
    public async Task Our_queue_device_carries_ten_thousand_libzmq_requests_to_their_requesters(TransportCase transport)
    {
        using var context = new ZmqContext();
        await using var frontend = new RouterSocket().Quick();
        await using var backend = new DealerSocket().Quick();
        var frontendEndpoint = frontend.Bind(Endpoint(transport, "front"));
        var backendEndpoint = backend.Bind(Endpoint(transport, "back"));

        using var stop = new CancellationTokenSource();
        var proxy = Proxy.QueueAsync(frontend, backend, stop.Token);

        var workers = Enumerable.Range(0, Workers)
            .Select(w => OnOwnThread(() => Work(context, backendEndpoint, stop.Token)))
            .ToArray();
        var clients = Enumerable.Range(0, Clients)
            .Select(c => OnOwnThread(() => Ask(context, frontendEndpoint, c)))
            .ToArray();

        int[] answered;
        try
        {
            answered = await Task.WhenAll(clients).WaitAsync(Budget);
        }
        finally
        {
            stop.Cancel();
        }

        Assert.Equal(Enumerable.Repeat(RequestsPerClient, Clients), answered);
        var served = await Task.WhenAll(workers).WaitAsync(InteropAssert.TestTimeout);
        Assert.Equal(Clients * RequestsPerClient, served.Sum());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => proxy.WaitAsync(InteropAssert.TestTimeout));
    }

    /// <summary>One REQ client: every request gets exactly its own reply, in lock step.</summary>
    private static int Ask(ZmqContext context, string endpoint, int client)
    {
        using var req = context.Socket(Zmq.Req);
        req.Connect(endpoint);
        for (var i = 0; i < RequestsPerClient; i++)
        {
            var request = $"c{client}-{i}";
            req.Send(request);
            var reply = req.ReceiveString();
            if (reply != ReplyPrefix + request)
            {
                throw new InvalidOperationException($"client {client} sent '{request}' but got '{reply}'.");
            }
        }

        return RequestsPerClient;
    }

    /// <summary>One REP worker: echoes each request with the prefix until told to stop; returns how many it served.</summary>
    private static int Work(ZmqContext context, string endpoint, CancellationToken stop)
    {
        using var rep = context.Socket(Zmq.Rep);
        rep.Connect(endpoint);
        var served = 0;
        while (!stop.IsCancellationRequested)
        {
            // A short receive timeout so the stop flag is seen promptly.
            if (rep.TryReceiveMultipart(timeoutMs: 50) is not { } request)
            {
                continue;
            }

            rep.SendMultipart([.. Encoding.UTF8.GetBytes(ReplyPrefix), .. Assert.Single(request)]);
            served++;
        }

        return served;
    }

    /// <summary>libzmq sockets must stay on one thread and block it, so each client and worker gets its own.</summary>
    private static Task<int> OnOwnThread(Func<int> body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static string Endpoint(TransportCase transport, string role) => transport switch
    {
        TransportCase.Tcp => "tcp://127.0.0.1:*",
        TransportCase.IpcAbstract => $"ipc://@zmtp-broker-{role}-{Guid.NewGuid():N}",
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, null),
    };
}
