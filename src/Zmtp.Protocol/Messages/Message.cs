using System.Buffers;
using System.Collections;
using System.Diagnostics;
using System.Text;

namespace Zmtp;

/// <summary>
/// A ZeroMQ message: one or more frames, delivered whole or not at all.
/// </summary>
/// <remarks>
/// Frames received from the network are backed by pooled buffers. <see cref="Dispose"/> returns them to
/// the pool; a message that is never disposed is simply collected. Do not use a frame's memory after the
/// message that holds it has been disposed. A message passed to a send method must not be modified
/// afterwards; it may be disposed at once: sockets hold their own reference until they have written it, and
/// the buffers go back to the pool only when the last holder is done.
/// </remarks>
public sealed class Message : IReadOnlyList<ReadOnlyMemory<byte>>, IDisposable
{
    // A single frame lives in _frame0 with no array; the array appears at the second frame (or a prepend).
    private ReadOnlyMemory<byte> _frame0;
    private ReadOnlyMemory<byte>[]? _frames;
    private int _start;
    private int _count;

    // Likewise the first pooled buffer needs no array.
    private byte[]? _rented0;
    private byte[][]? _rented;
    private int _rentedCount;

    // One reference for the application, one per queue the message waits in; the frames are released when
    // the count reaches zero.
    private int _references = 1;
    private int _disposed;
    private int _kept;
    private Message? _owner;

    // Small frames received into a pooled message are copied into a buffer the message keeps across uses, so
    // a steady stream of small messages rents nothing. Null until first needed.
    private byte[]? _inline;
    private int _inlineUsed;

    // Small frames that no longer fit the inline buffer are packed into pooled chunks of SpillChunk octets
    // (the last one is _spill, filled to _spillUsed; all are also in the rented list). A frame rented on its
    // own would cost at least a kilobyte, so a message of many tiny frames would cost a thousand times what
    // it took on the wire.
    private byte[]? _spill;
    private int _spillUsed;
    private const int SpillChunk = 4096;

    // Set while the message belongs to a socket's pool: freeing it then recycles the object. Messages that
    // reach the application are detached first, so user code never holds a recyclable object.
    private MessagePool? _pool;

    // 1 while the object sits idle in its pool's queue: it can enter the queue only once per rental.
    private int _idleInPool;

    /// <summary>Bytes of small frames a pooled message stores in its own buffer.</summary>
    internal const int InlineCapacity = 512;

    /// <summary>Creates an empty message (no frames); add frames with <see cref="Add(ReadOnlyMemory{byte})"/>.</summary>
    public Message()
    {
    }

    internal Message(MessagePool pool) => _pool = pool;

    /// <summary>Creates a message from the given frames, without copying them.</summary>
    /// <param name="frames">The frames, first to last.</param>
    public Message(params ReadOnlyMemory<byte>[] frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Length == 1)
        {
            _frame0 = frames[0];
            _count = 1;
            return;
        }

        _frames = new ReadOnlyMemory<byte>[Math.Max(4, frames.Length + 1)];
        _start = 1; // room to prepend one envelope frame without copying
        frames.CopyTo(_frames, _start);
        _count = frames.Length;
    }

    /// <summary>Creates a message from the given frames, without copying them.</summary>
    /// <param name="frames">The frames, first to last.</param>
    public Message(IEnumerable<byte[]> frames)
        : this()
    {
        ArgumentNullException.ThrowIfNull(frames);
        foreach (var frame in frames)
        {
            Add(frame);
        }
    }

    /// <summary>Creates a message whose frames are the UTF-8 encodings of <paramref name="frames"/>.</summary>
    /// <param name="frames">The frames as text.</param>
    /// <returns>The new message.</returns>
    public static Message FromStrings(params string[] frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var message = new Message();
        foreach (var frame in frames)
        {
            message.Add(frame);
        }

        return message;
    }

    /// <summary>The number of frames.</summary>
    public int Count => _count;

    /// <summary>The total number of body bytes over all frames.</summary>
    public long ByteCount => ByteCountFrom(0);

    /// <summary>The first frame. Throws if the message has no frames.</summary>
    public ReadOnlyMemory<byte> First => this[0];

    /// <summary>The last frame. Throws if the message has no frames.</summary>
    public ReadOnlyMemory<byte> Last => this[_count - 1];

    /// <summary>Gets the frame at <paramref name="index"/>.</summary>
    /// <param name="index">Zero-based frame index.</param>
    public ReadOnlyMemory<byte> this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                ThrowIndex(index);
            }

            return _frames is null ? _frame0 : _frames[_start + index];
        }
    }

    /// <summary>Appends a frame (not copied).</summary>
    /// <param name="frame">The frame body.</param>
    /// <returns>This message, for chaining.</returns>
    public Message Add(ReadOnlyMemory<byte> frame)
    {
        if (_frames is null && _count == 0)
        {
            _frame0 = frame;
            _count = 1;
            return this;
        }

        var frames = EnsureTailRoom();
        frames[_start + _count] = frame;
        _count++;
        return this;
    }

    /// <summary>Appends a frame holding the UTF-8 encoding of <paramref name="text"/>.</summary>
    /// <param name="text">The frame text.</param>
    /// <returns>This message, for chaining.</returns>
    public Message Add(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Add(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Appends an empty frame (the delimiter of request/reply envelopes).</summary>
    /// <returns>This message, for chaining.</returns>
    public Message AddEmpty() => Add(ReadOnlyMemory<byte>.Empty);

    /// <summary>Inserts a frame before the first one (for envelopes such as routing ids).</summary>
    /// <param name="frame">The frame body.</param>
    /// <returns>This message, for chaining.</returns>
    public Message Prepend(ReadOnlyMemory<byte> frame)
    {
        if (_frames is null && _count == 0)
        {
            _frame0 = frame;
            _count = 1;
            return this;
        }

        var frames = Promote();
        if (_start == 0)
        {
            var grown = new ReadOnlyMemory<byte>[frames.Length + 4];
            Array.Copy(frames, 0, grown, 4, _count);
            _frames = frames = grown;
            _start = 4;
        }

        _start--;
        frames[_start] = frame;
        _count++;
        return this;
    }

    /// <summary>Removes and returns the first frame.</summary>
    /// <returns>The removed frame.</returns>
    public ReadOnlyMemory<byte> RemoveFirst()
    {
        if (_count == 0)
        {
            ThrowIndex(0);
        }

        if (_frames is null)
        {
            var only = _frame0;
            _frame0 = default;
            _count = 0;
            return only;
        }

        var frame = _frames[_start];
        _frames[_start] = default;
        _start++;
        _count--;
        return frame;
    }

    /// <summary>Removes the first <paramref name="count"/> frames.</summary>
    /// <param name="count">How many frames to remove.</param>
    public void RemoveFirst(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _count);
        if (_frames is null)
        {
            if (count == 1)
            {
                _frame0 = default;
                _count = 0;
            }

            return;
        }

        Array.Clear(_frames, _start, count);
        _start += count;
        _count -= count;
    }

    /// <summary>Decodes the frame at <paramref name="index"/> as UTF-8 text.</summary>
    /// <param name="index">Zero-based frame index.</param>
    /// <returns>The decoded text.</returns>
    public string GetString(int index = 0) => Encoding.UTF8.GetString(this[index].Span);

    /// <summary>Copies every frame into a new array.</summary>
    /// <returns>One array per frame.</returns>
    public byte[][] ToArrays()
    {
        var result = new byte[_count][];
        for (var i = 0; i < _count; i++)
        {
            result[i] = this[i].ToArray();
        }

        return result;
    }

    /// <summary>Releases the application's hold on the message: once no socket still needs it, its pooled
    /// frame buffers return to the pool and its frames are removed. Calling it twice does nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            ReleaseReference();
        }
    }

    /// <summary>The properties of the connection the message arrived on (pyzmq's <c>frame.get(name)</c>):
    /// the peer's handshake metadata (<c>Socket-Type</c>, <c>Identity</c>, application <c>X-</c> properties)
    /// and <c>Peer-Address</c>. Names are case-sensitive, as in libzmq. Null for messages built locally.</summary>
    public IReadOnlyDictionary<string, string>? Properties { get; set; }

    /// <summary>Reads one connection property (see <see cref="Properties"/>); null when absent.</summary>
    /// <param name="name">The property name, such as <c>Peer-Address</c>.</param>
    /// <returns>The value, or null.</returns>
    public string? GetProperty(string name) =>
        Properties is { } properties && properties.TryGetValue(name, out var value) ? value : null;

    /// <summary>True once <see cref="Keep"/> was called.</summary>
    public bool IsKept => Volatile.Read(ref _kept) != 0;

    /// <summary>Takes ownership of a message delivered to a callback: the code that delivered it will not
    /// dispose it when the callback returns, so its (possibly pooled) frames stay valid until the caller
    /// disposes it.</summary>
    /// <returns>This message.</returns>
    public Message Keep()
    {
        Volatile.Write(ref _kept, 1);
        return this;
    }

    /// <summary>A queue now holds the message until it has been written.</summary>
    internal void AddReference() => Interlocked.Increment(ref _references);

    /// <summary>A holder is done with the message; the last one frees its frames.</summary>
    internal void ReleaseReference()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            Free();
        }
    }

    /// <summary><paramref name="count"/> holders are done with the message at once.</summary>
    internal void ReleaseReferences(int count)
    {
        if (Interlocked.Add(ref _references, -count) == 0)
        {
            Free();
        }
    }

    /// <summary>A new message with this one's frames, <paramref name="skip"/> leading frames left out and
    /// <paramref name="envelope"/> frames put first. The frames are shared (no bytes copied; this message's
    /// buffers stay alive until the copy is disposed), except that a copy from <paramref name="pool"/> whose
    /// bodies fit its inline buffer gets them copied there.</summary>
    internal Message ShareFrames(ReadOnlyMemory<byte>[]? envelope, int skip, MessagePool? pool = null)
    {
        var copy = pool?.Rent() ?? new Message();
        if (envelope is not null)
        {
            foreach (var frame in envelope)
            {
                copy.Add(frame);
            }
        }

        if (pool is not null && ByteCountFrom(skip) <= InlineCapacity)
        {
            // Small bodies are copied into the pooled copy's own buffer: cheaper than holding this message,
            // whose count the sender's threads update too.
            for (var i = skip; i < _count; i++)
            {
                copy.AddCopy(this[i].Span);
            }

            return copy;
        }

        ShareInto(copy, skip);
        return copy;
    }

    /// <summary>Appends this message's frames from <paramref name="skip"/> on to <paramref name="target"/>
    /// without copying; the target keeps this message alive, as its frames may live in buffers this message
    /// returns when freed.</summary>
    private void ShareInto(Message target, int skip)
    {
        for (var i = skip; i < _count; i++)
        {
            target.Add(this[i]);
        }

        AddReference();
        target._owner = this;
    }

    private long ByteCountFrom(int first)
    {
        long total = 0;
        for (var i = first; i < _count; i++)
        {
            total += this[i].Length;
        }

        return total;
    }

    /// <summary>Appends a copy of <paramref name="body"/>: into the message's own buffer when it is pooled
    /// (or already has one) and the frame fits, else into a buffer rented from the shared pool.</summary>
    internal void AddCopy(ReadOnlySpan<byte> body) => body.CopyTo(AddUninitialized(body.Length));

    /// <inheritdoc cref="AddCopy(ReadOnlySpan{byte})"/>
    internal void AddCopy(in ReadOnlySequence<byte> body) => body.CopyTo(AddUninitialized((int)body.Length));

    /// <summary>Appends a frame of <paramref name="length"/> bytes and returns its storage to fill.</summary>
    private Span<byte> AddUninitialized(int length)
    {
        if (length == 0)
        {
            Add(ReadOnlyMemory<byte>.Empty);
            return default;
        }

        if ((_pool is not null || _inline is not null) && length <= InlineCapacity - _inlineUsed)
        {
            var inline = _inline ??= new byte[InlineCapacity];
            var offset = _inlineUsed;
            _inlineUsed += length;
            Add(new ReadOnlyMemory<byte>(inline, offset, length));
            return inline.AsSpan(offset, length);
        }

        if (length <= InlineCapacity)
        {
            if (_spill is null || _spill.Length - _spillUsed < length)
            {
                _spill = FrameBufferPool.Instance.Rent(SpillChunk);
                _spillUsed = 0;
                TrackRented(_spill);
            }

            var offset = _spillUsed;
            _spillUsed += length;
            Add(new ReadOnlyMemory<byte>(_spill, offset, length));
            return _spill.AsSpan(offset, length);
        }

        var rented = FrameBufferPool.Instance.Rent(length);
        AddPooled(rented, length);
        return rented.AsSpan(0, length);
    }

    /// <summary>Marks the object idle in its pool; false if it already is (a second return).</summary>
    internal bool TryEnterPool() => Interlocked.Exchange(ref _idleInPool, 1) == 0;

    /// <summary>The pool handed the object out again.</summary>
    internal void LeavePool()
    {
        Debug.Assert(_count == 0 && _references == 1, "An idle pooled message is empty with one holder.");
        Volatile.Write(ref _idleInPool, 0);
    }

    /// <summary>Takes the message out of its pool: it is about to reach the application, which may keep it
    /// or dispose it any number of times.</summary>
    internal Message Detach()
    {
        _pool = null;
        return this;
    }

    /// <summary>
    /// Moves this message's frames (and the buffers behind them) into <paramref name="target"/>, replacing
    /// what it held, and recycles this object. The two objects swap their storage; only a small single frame
    /// is copied, into the target's own buffer.
    /// </summary>
    internal void MoveTo(Message target)
    {
        target.PrepareToReceive();
        if (Volatile.Read(ref _references) != 1)
        {
            // Someone else still reads these frames: share them instead of moving.
            ShareInto(target, 0);
            target.SetProperties(Properties);
            Dispose();
            return;
        }

        if (_count == 1 && _rentedCount == 0 && _owner is null && _inlineUsed > 0)
        {
            // A small single frame (the usual small message) is cheaper to copy into the target's own
            // buffer than to swap storage: fewer reference writes.
            target._inline ??= new byte[InlineCapacity];
            target.AddCopy(this[0].Span);
            target.SetProperties(Properties);
            Recycle();
            return;
        }

        (_frame0, target._frame0) = (target._frame0, _frame0);
        (_frames, target._frames) = (target._frames, _frames);
        (_start, target._start) = (target._start, _start);
        (_count, target._count) = (target._count, _count);
        (_rented0, target._rented0) = (target._rented0, _rented0);
        (_rented, target._rented) = (target._rented, _rented);
        (_rentedCount, target._rentedCount) = (target._rentedCount, _rentedCount);
        (_owner, target._owner) = (target._owner, _owner);
        (_inline, target._inline) = (target._inline, _inline);
        (_inlineUsed, target._inlineUsed) = (target._inlineUsed, _inlineUsed);
        (_spill, target._spill) = (target._spill, _spill);
        (_spillUsed, target._spillUsed) = (target._spillUsed, _spillUsed);
        target.SetProperties(Properties);

        // This object now holds the target's emptied storage and no other holder.
        Recycle();
    }

    /// <summary>Back to the pool, empty, for the next receive (an unpooled message is left to the collector).</summary>
    private void Recycle()
    {
        ReleaseContent();
        _pool?.Return(this);
    }

    /// <summary>Sets the properties, skipping the (write-barriered) store when they are already these.</summary>
    private void SetProperties(IReadOnlyDictionary<string, string>? properties)
    {
        if (!ReferenceEquals(Properties, properties))
        {
            Properties = properties;
        }
    }

    /// <summary>Throws if a socket still holds this message for sending, so it cannot be received into.
    /// Checked before a receive takes anything, so a refused receive consumes nothing.</summary>
    internal void ThrowIfQueued()
    {
        if (Volatile.Read(ref _references) > (Volatile.Read(ref _disposed) != 0 ? 0 : 1))
        {
            throw new InvalidOperationException(
                "This message is still queued for sending; receive into a different Message, or wait until the socket has written it.");
        }
    }

    /// <summary>Empties a message the application passes to a receive, so it can take new frames.</summary>
    private void PrepareToReceive()
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            ReleaseContent();
        }

        ResetHolds();
    }

    private void Free()
    {
        if (_pool is not null)
        {
            // Back in the pool it starts over with one holder.
            ResetHolds();
        }

        Recycle();
    }

    /// <summary>One holder (the application's), not disposed, not kept.</summary>
    private void ResetHolds()
    {
        _references = 1;
        _disposed = 0;
        _kept = 0;
    }

    /// <summary>Drops every frame, returning pooled buffers and the hold on a shared owner; the object's own
    /// arrays (frame slots, inline buffer) stay for reuse.</summary>
    private void ReleaseContent()
    {
        if (_frames is not null && _count > 0)
        {
            Array.Clear(_frames, _start, _count);
        }

        _frame0 = default;
        _start = _frames is null ? 0 : 1; // keep a slot free for a prepended envelope frame
        _count = 0;
        _inlineUsed = 0;
        SetProperties(null);
        if (_rented0 is not null)
        {
            FrameBufferPool.Instance.Return(_rented0);
            _rented0 = null;
        }

        if (_rented is not null)
        {
            for (var i = 1; i < _rentedCount; i++)
            {
                FrameBufferPool.Instance.Return(_rented[i]);
                _rented[i] = null!;
            }
        }

        _rentedCount = 0;
        _spill = null;
        _spillUsed = 0;

        if (_owner is not null)
        {
            Interlocked.Exchange(ref _owner, null)?.ReleaseReference();
        }
    }

    /// <inheritdoc />
    public IEnumerator<ReadOnlyMemory<byte>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Renders the frames for diagnostics: text where printable, hex otherwise.</summary>
    /// <returns>A short description of the message.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder("[");
        for (var i = 0; i < _count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            var span = this[i].Span;
            builder.Append(span.Length <= 64 && IsPrintable(span) ? $"\"{Encoding.UTF8.GetString(span)}\"" : $"0x{Convert.ToHexStringLower(span[..Math.Min(span.Length, 32)])}{(span.Length > 32 ? "…" : "")}");
        }

        return builder.Append(']').ToString();
    }

    /// <summary>Appends a frame whose body is the first <paramref name="length"/> bytes of a buffer rented
    /// from the frame buffer pool; the message returns it on <see cref="Dispose"/>.</summary>
    internal void AddPooled(byte[] rented, int length)
    {
        TrackRented(rented);
        Add(new ReadOnlyMemory<byte>(rented, 0, length));
    }

    /// <summary>Records a buffer from the frame buffer pool, returned when the message's content is released.</summary>
    private void TrackRented(byte[] rented)
    {
        if (_rentedCount == 0)
        {
            _rented0 = rented;
        }
        else
        {
            // Slot 0 of the array stays unused: the first buffer is _rented0.
            _rented ??= new byte[4][];
            if (_rentedCount == _rented.Length)
            {
                Array.Resize(ref _rented, _rented.Length * 2);
            }

            _rented[_rentedCount] = rented;
        }

        _rentedCount++;
    }

    private static bool IsPrintable(ReadOnlySpan<byte> span)
    {
        foreach (var b in span)
        {
            if (b < 0x20 || b == 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Moves a single inline frame into an array with room on both sides.</summary>
    private ReadOnlyMemory<byte>[] Promote()
    {
        if (_frames is not null)
        {
            return _frames;
        }

        var frames = new ReadOnlyMemory<byte>[4];
        _start = 1;
        if (_count == 1)
        {
            frames[1] = _frame0;
            _frame0 = default;
        }

        return _frames = frames;
    }

    private ReadOnlyMemory<byte>[] EnsureTailRoom()
    {
        var frames = Promote();
        if (_start + _count < frames.Length)
        {
            return frames;
        }

        if (_start > 1)
        {
            // Reclaim space freed by RemoveFirst before growing.
            Array.Copy(frames, _start, frames, 1, _count);
            Array.Clear(frames, 1 + _count, _start - 1);
            _start = 1;
            return frames;
        }

        Array.Resize(ref _frames, frames.Length * 2);
        return _frames;
    }

    private static void ThrowIndex(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, "The message has no frame at this index.");
}
