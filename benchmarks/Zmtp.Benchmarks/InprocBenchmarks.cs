using BenchmarkDotNet.Attributes;
using Zmtp;

namespace Zmtp.Benchmarks;

/// <summary>PUSH to PULL over inproc: per-message cost of the socket core without any encoding.</summary>
[MemoryDiagnoser]
public class InprocBenchmarks
{
    private const int Batch = 10_000;
    private ZmtpContext _context = null!;
    private PushSocket _push = null!;
    private PullSocket _pull = null!;
    private Message _message = null!;
    private readonly Message _received = new();

    [GlobalSetup]
    public void Setup()
    {
        _context = new ZmtpContext();
        _pull = new PullSocket(_context);
        _pull.Bind("inproc://bench");
        _push = new PushSocket(_context);
        _push.Connect("inproc://bench");
        _message = new Message(new byte[16]);
    }

    [GlobalCleanup]
    public void Cleanup() => _context.Dispose();

    [Benchmark(OperationsPerInvoke = Batch)]
    public async Task PushPull16Bytes()
    {
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < Batch; i++)
            {
                await _push.SendAsync(_message);
            }
        });
        for (var i = 0; i < Batch; i++)
        {
            await _pull.ReceiveAsync(_received);
        }

        await sending;
    }
}
