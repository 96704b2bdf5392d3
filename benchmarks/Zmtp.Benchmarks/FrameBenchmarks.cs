using System.Buffers;
using BenchmarkDotNet.Attributes;
using Zmtp;
using Zmtp.Protocol;

namespace Zmtp.Benchmarks;

/// <summary>Encoding whole messages into a buffer writer and parsing frame headers back.</summary>
[MemoryDiagnoser]
public class FrameBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(1 << 20);
    private Message _message = null!;
    private byte[] _encoded = null!;

    [Params(16, 1024, 65536)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _message = new Message(new byte[Size]);
        ZmtpFrameWriter.WriteMessage(_output, _message);
        _encoded = _output.WrittenSpan.ToArray();
        _output.ResetWrittenCount();
    }

    [Benchmark]
    public int Encode() => FrameCodec.EncodeInto(_output, _message);

    [Benchmark]
    public long ParseHeader()
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(_encoded));
        ZmtpFrameHeader.TryParse(ref reader, -1, out var header);
        return header.Size;
    }
}
