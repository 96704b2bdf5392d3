using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;

namespace Zmtp;

/// <summary>
/// Buffers for received frame bodies too big for a message's inline buffer. The shared array pool keeps only
/// a few dozen arrays per size, while a socket's inbox can hold RCVHWM (1000) large messages; streaming them
/// through it allocated almost every buffer. This pool keeps power-of-two arrays from 1 KiB to 1 MiB, up to
/// 64 MiB idle in all; larger bodies use the shared pool.
/// </summary>
internal sealed class FrameBufferPool : ArrayPool<byte>
{
    private const int MinLengthLog2 = 10;
    private const int MinLength = 1 << MinLengthLog2;
    private const int MaxLength = 1 << 20;
    private const long MaxIdleBytes = 64L * 1024 * 1024;

    private readonly ConcurrentQueue<byte[]>[] _buckets;
    private long _idleBytes;

    private FrameBufferPool()
    {
        _buckets = new ConcurrentQueue<byte[]>[BucketIndex(MaxLength) + 1];
        for (var i = 0; i < _buckets.Length; i++)
        {
            _buckets[i] = new ConcurrentQueue<byte[]>();
        }
    }

    /// <summary>The process-wide pool.</summary>
    public static FrameBufferPool Instance { get; } = new();

    /// <inheritdoc />
    public override byte[] Rent(int minimumLength)
    {
        if (minimumLength > MaxLength)
        {
            return Shared.Rent(minimumLength);
        }

        var index = BucketIndex(minimumLength);
        if (_buckets[index].TryDequeue(out var array))
        {
            Interlocked.Add(ref _idleBytes, -array.Length);
            return array;
        }

        return GC.AllocateUninitializedArray<byte>(MinLength << index);
    }

    /// <inheritdoc />
    public override void Return(byte[] array, bool clearArray = false)
    {
        ArgumentNullException.ThrowIfNull(array);
        var length = array.Length;
        if (length > MaxLength)
        {
            Shared.Return(array, clearArray);
            return;
        }

        if (length < MinLength || !BitOperations.IsPow2(length))
        {
            return; // not one of ours
        }

        if (clearArray)
        {
            Array.Clear(array);
        }

        if (Interlocked.Add(ref _idleBytes, length) > MaxIdleBytes)
        {
            Interlocked.Add(ref _idleBytes, -length);
            return;
        }

        _buckets[BucketIndex(length)].Enqueue(array);
    }

    /// <summary>The bucket of the smallest power of two of at least <paramref name="length"/> (and 1 KiB).</summary>
    private static int BucketIndex(int length) =>
        BitOperations.Log2((uint)Math.Max(length, MinLength) - 1) + 1 - MinLengthLog2;
}
