using BenchmarkDotNet.Attributes;
using Zmtp.Core;
using Zmtp.Routing;

namespace Zmtp.Benchmarks;

/// <summary>
/// Round-robin send (PUSH, DEALER, PAIR) over four peers: queue one message to the next peer, then take it
/// off that peer's queue and report it written, as the peer's send pump does. The same message is sent
/// every time: queueing adds a reference and <see cref="WrittenMessages"/> drops it, so it is never freed.
/// </summary>
[MemoryDiagnoser]
public class LoadBalancerBenchmarks
{
    private const int Peers = 4;

    private readonly LoadBalancer _balancer = new();
    private ZmtpContext _context = null!;
    private Message _message = null!;

    [GlobalSetup]
    public void Setup()
    {
        _context = new ZmtpContext();
        var socket = new PushSocket(_context);
        for (var i = 0; i < Peers; i++)
        {
            _balancer.Add(new Peer(socket, $"bench-{i}", persistent: true));
        }

        _message = new Message(new byte[16]);
    }

    [GlobalCleanup]
    public void Cleanup() => _context.Dispose();

    [Benchmark]
    public bool EnqueueDrain()
    {
        var peer = _balancer.TryEnqueue(OutboundItem.ForMessage(_message))!;
        var taken = peer.Outbound.TryRead(out var item);
        var written = default(WrittenMessages);
        written.Add(item);
        written.Complete(peer);
        return taken;
    }
}
