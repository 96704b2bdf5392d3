using System.Buffers;
using System.IO.Pipelines;

namespace Zmtp.Protocol;

/// <summary>
/// Writes into the output pipe's memory and advances the pipe once per chunk instead of once per frame:
/// a pipe's Advance takes a lock, which for small messages cost as much as encoding them. Everything written
/// reaches the pipe at <see cref="Commit"/> (before a flush) or when a chunk fills up.
/// </summary>
internal sealed class OutputBatcher(PipeWriter pipe) : IBufferWriter<byte>
{
    private Memory<byte> _chunk;
    private int _written;

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _chunk[_written..];
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _chunk.Span[_written..];
    }

    /// <summary>Hands what was written to the pipe.</summary>
    public void Commit()
    {
        if (_written > 0)
        {
            pipe.Advance(_written);
            _written = 0;
        }

        _chunk = default;
    }

    private void Ensure(int sizeHint)
    {
        if (_chunk.Length - _written >= Math.Max(sizeHint, 1))
        {
            return;
        }

        Commit();
        _chunk = pipe.GetMemory(sizeHint);
    }
}
