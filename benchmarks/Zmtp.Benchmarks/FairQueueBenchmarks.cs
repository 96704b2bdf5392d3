using BenchmarkDotNet.Attributes;
using Zmtp.Core;
using Zmtp.Routing;

namespace Zmtp.Benchmarks;

/// <summary>
/// The receive side over four peers: one message arrives from each peer (as their receive pumps write
/// them), then the receiver takes four in fair order. The same message object goes in and comes out; the
/// queue holds no reference of its own, so nothing is disposed.
/// </summary>
[MemoryDiagnoser]
public class FairQueueBenchmarks
{
    private const int Peers = 4;

    private readonly FairQueue _queue = new();
    private readonly Peer[] _peers = new Peer[Peers];
    private ZmtpContext _context = null!;
    private Message _message = null!;

    [GlobalSetup]
    public void Setup()
    {
        _context = new ZmtpContext();
        var socket = new PullSocket(_context);
        for (var i = 0; i < Peers; i++)
        {
            _peers[i] = new Peer(socket, $"bench-{i}", persistent: true);
            _queue.Add(_peers[i]);
        }

        _message = new Message(new byte[16]);
    }

    [GlobalCleanup]
    public void Cleanup() => _context.Dispose();

    [Benchmark(OperationsPerInvoke = Peers)]
    public int WriteTake()
    {
        foreach (var peer in _peers)
        {
            _queue.TryWrite(peer, _message);
        }

        var taken = 0;
        while (_queue.TryTake(out _, out _))
        {
            taken++;
        }

        return taken;
    }
}
