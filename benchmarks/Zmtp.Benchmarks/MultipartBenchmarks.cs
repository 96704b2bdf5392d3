using System.Buffers;
using BenchmarkDotNet.Attributes;
using Zmtp.Protocol;

namespace Zmtp.Benchmarks;

/// <summary>Encoding and decoding a three-frame message of 16 B frames (an envelope-sized multipart).</summary>
[MemoryDiagnoser]
public class MultipartBenchmarks
{
    private const int Frames = 3;
    private const int FrameSize = 16;

    private readonly ArrayBufferWriter<byte> _output = new(1 << 16);
    private readonly ZmtpFrameReader _frames = new(maxSize: -1);
    private readonly MessagePool _pool = new(() => 16);
    private Message _message = null!;
    private byte[] _encoded = null!;

    [GlobalSetup]
    public void Setup()
    {
        _message = new Message();
        for (var i = 0; i < Frames; i++)
        {
            _message.Add(new byte[FrameSize]);
        }

        _encoded = FrameCodec.Encode(_message);
    }

    [Benchmark]
    public int Encode() => FrameCodec.EncodeInto(_output, _message);

    [Benchmark]
    public int Decode()
    {
        var input = new SequenceReader<byte>(new ReadOnlySequence<byte>(_encoded));
        using var message = FrameCodec.ReadMessage(_frames, ref input, _pool);
        return message.Count;
    }
}
