using System.Buffers;
using BenchmarkDotNet.Attributes;
using Zmtp.Protocol;

namespace Zmtp.Benchmarks;

/// <summary>Writing and parsing the 64-octet ZMTP 3.1 greeting (NULL mechanism).</summary>
[MemoryDiagnoser]
public class GreetingBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(ZmtpGreeting.Length);
    private byte[] _encoded = null!;

    [GlobalSetup]
    public void Setup()
    {
        ZmtpGreeting.Write(_output, "NULL", asServer: false);
        _encoded = _output.WrittenSpan.ToArray();
    }

    [Benchmark]
    public int Write()
    {
        _output.ResetWrittenCount();
        ZmtpGreeting.Write(_output, "NULL", asServer: false);
        return _output.WrittenCount;
    }

    [Benchmark]
    public int Parse()
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(_encoded));
        ZmtpGreeting.TryParse(ref reader, out var greeting);
        return greeting.MinorVersion;
    }
}
