using System.Buffers;
using BenchmarkDotNet.Attributes;
using Zmtp.Protocol;

namespace Zmtp.Benchmarks;

/// <summary>Decoding single-frame messages from a buffer that already holds them whole.</summary>
[MemoryDiagnoser]
public class FrameDecodeBenchmarks
{
    private readonly ZmtpFrameReader _frames = new(maxSize: -1);
    private readonly MessagePool _pool = new(() => 16);
    private byte[] _encoded = null!;

    [Params(16, 1024, 65536)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup() => _encoded = FrameCodec.Encode(new Message(new byte[Size]));

    /// <summary>What a receive costs: the frame plus the <see cref="Message"/> that carries it.</summary>
    [Benchmark]
    public int Decode()
    {
        var input = new SequenceReader<byte>(new ReadOnlySequence<byte>(_encoded));
        using var message = FrameCodec.ReadMessage(_frames, ref input, _pool);
        return message.Count;
    }

    /// <summary>The frame reader alone (no message built), to tell its cost from the message's.</summary>
    [Benchmark]
    public int ReadFrame()
    {
        var input = new SequenceReader<byte>(new ReadOnlySequence<byte>(_encoded));
        _frames.TryRead(ref input, out var frame);
        frame.Release();
        return frame.Length;
    }
}
