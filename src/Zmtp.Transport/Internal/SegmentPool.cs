using System.Buffers;
using System.Collections.Concurrent;

namespace Zmtp.Transport;

/// <summary>
/// The pipes' buffer segments: fixed blocks kept for reuse by every connection of the process. The shared
/// array pool keeps only a few dozen arrays per size, fewer than one busy connection's pipes hold, so
/// streaming large messages through it allocated (and collected) every segment; blocks here return to this
/// pool instead, up to <see cref="MaxIdleBlocks"/>.
/// </summary>
internal sealed class SegmentPool : MemoryPool<byte>
{
    /// <summary>The block size, also the pipes' minimum segment size.</summary>
    public const int BlockSize = 16 * 1024;

    /// <summary>Idle blocks kept at most (16 MiB); blocks freed beyond it are left to the collector.</summary>
    private const int MaxIdleBlocks = 1024;

    private readonly ConcurrentQueue<Block> _idle = new();
    private int _idleCount;

    public static SegmentPool Connections { get; } = new();

    /// <inheritdoc />
    public override int MaxBufferSize => BlockSize;

    /// <inheritdoc />
    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        if (_idle.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref _idleCount);
            return block;
        }

        return new Block(this);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        // The shared pool lives as long as the process.
    }

    private void Return(Block block)
    {
        if (Interlocked.Increment(ref _idleCount) <= MaxIdleBlocks)
        {
            _idle.Enqueue(block);
            return;
        }

        Interlocked.Decrement(ref _idleCount);
    }

    /// <summary>One block; disposing it (the pipe does, once the segment is consumed) puts it back.</summary>
    private sealed class Block(SegmentPool pool) : IMemoryOwner<byte>
    {
        // Pinned: the socket pins every buffer it reads into or writes from; these are pinned once, for good.
        private readonly byte[] _array = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);

        public Memory<byte> Memory => _array;

        public void Dispose() => pool.Return(this);
    }
}
