using System.Text;
using BenchmarkDotNet.Attributes;
using Zmtp.Core;
using Zmtp.Routing;

namespace Zmtp.Benchmarks;

/// <summary>
/// Subscription matching: the prefix trie on its own, and a PUB's fan-out (which subscribers a message goes
/// to, queueing it for them and draining their queues). Prefixes are <c>topic/NNNNN/</c>; the matching and
/// the non-matching topic share all but the last byte of a held prefix, so both walk the same depth.
/// </summary>
[MemoryDiagnoser]
public class SubscriptionBenchmarks
{
    private const int Subscribers = 4;

    private readonly SubscriptionTrie _trie = new();
    private readonly Peer[] _peers = new Peer[Subscribers];
    private ZmtpContext _context = null!;
    private Publisher _publisher = null!;
    private byte[] _hit = null!;
    private byte[] _miss = null!;
    private Message _hitMessage = null!;
    private Message _missMessage = null!;

    [Params(10, 10_000)]
    public int Subscriptions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _context = new ZmtpContext();
        var socket = new PubSocket(_context);
        _publisher = new Publisher(new Lock(), socket.Options);
        for (var i = 0; i < Subscribers; i++)
        {
            _peers[i] = new Peer(socket, $"bench-{i}", persistent: true);
            _publisher.Registry.Add(_peers[i]);
        }

        // The trie holds every prefix; the publisher spreads them over its subscribers.
        for (var i = 0; i < Subscriptions; i++)
        {
            var prefix = Encoding.ASCII.GetBytes($"topic/{i:D5}/");
            _trie.Add(prefix);
            _publisher.Registry.Subscribe(_peers[i % Subscribers], prefix, maxCount: -1, maxBytes: -1, out _, out _);
        }

        var last = Subscriptions - 1;
        _hit = Encoding.ASCII.GetBytes($"topic/{last:D5}/data");
        _miss = Encoding.ASCII.GetBytes($"topic/{last:D5}.data");
        _hitMessage = new Message(_hit);
        _missMessage = new Message(_miss);
    }

    [GlobalCleanup]
    public void Cleanup() => _context.Dispose();

    [Benchmark]
    public bool TrieMatch() => _trie.Matches(_hit);

    [Benchmark]
    public bool TrieMiss() => _trie.Matches(_miss);

    /// <summary>Publishes to the one subscriber holding the prefix, then drains its queue as a send pump would.</summary>
    [Benchmark]
    public int PublishMatch() => Publish(_hitMessage);

    /// <summary>Publishes a topic no subscriber holds: every subscriber is tested, nothing is queued.</summary>
    [Benchmark]
    public int PublishMiss() => Publish(_missMessage);

    private int Publish(Message message)
    {
        _publisher.TryPublish(message);
        var written = 0;
        foreach (var peer in _peers)
        {
            var done = default(WrittenMessages);
            while (peer.Outbound.TryRead(out var item))
            {
                done.Add(item);
                written++;
            }

            done.Complete(peer);
        }

        return written;
    }
}
