using System.Buffers;

namespace Zmtp.Protocol;

/// <summary>
/// Incremental frame decoder: header, then body. A body that is already fully buffered is sliced in place
/// (the caller copies what it keeps before the input advances); otherwise its bytes are consumed as they arrive into a pooled
/// buffer that starts at most <see cref="InitialChunk"/> octets and grows with the data actually received,
/// so a large claimed size alone never commits memory and the input pipe never has to hold a whole frame.
/// </summary>
internal sealed class ZmtpFrameReader
{
    internal const int InitialChunk = 64 * 1024;

    private ZmtpFrameHeader _header;
    private byte[]? _partial;
    private int _filled;
    private bool _inBody;

    /// <param name="maxSize">The largest frame body accepted (-1: no limit).</param>
    /// <param name="maxCommandSize">The largest command body accepted (-1: no limit beyond <paramref name="maxSize"/>).</param>
    public ZmtpFrameReader(long maxSize, long maxCommandSize = -1)
    {
        MaxSize = maxSize;
        MaxCommandSize = maxCommandSize;
    }

    /// <summary>The largest frame body accepted, checked on the header before anything is allocated; -1 for
    /// no limit.</summary>
    public long MaxSize { get; set; }

    /// <summary>The largest command body accepted, also checked on the header; -1 for no limit. Commands
    /// carry only small things (metadata, a topic, a PING context), so a peer cannot make us buffer a huge
    /// one even where messages may be large.</summary>
    public long MaxCommandSize { get; set; }

    /// <summary>
    /// When true (during the security handshake) a message frame header is rejected at once
    /// (libzmq: any frame before the peer's READY that is not a command is a protocol error).
    /// </summary>
    public bool CommandsOnly { get; set; }

    /// <summary>True while a frame's body is being accumulated.</summary>
    public bool InBody => _inBody;

    /// <summary>Octets of the current partial body buffer (for tests of incremental commitment).</summary>
    internal int PartialCapacity => _partial?.Length ?? 0;

    /// <summary>
    /// Reads the next whole frame. Returns false when more input is needed; everything that was consumed
    /// (a header, body bytes copied into the partial buffer) is reflected in the reader's position.
    /// </summary>
    public bool TryRead(ref SequenceReader<byte> reader, out ZmtpFrame frame)
    {
        frame = default;
        if (!_inBody)
        {
            if (!ZmtpFrameHeader.TryParse(ref reader, MaxSize, out _header))
            {
                return false;
            }

            if (_header.IsCommand && MaxCommandSize >= 0 && _header.Size > MaxCommandSize)
            {
                ProtocolThrow.Error(ZmtpProtocolError.FrameTooLarge, $"Command frame of {_header.Size} octets exceeds the limit of {MaxCommandSize}.");
            }

            if (CommandsOnly && !_header.IsCommand)
            {
                ProtocolThrow.Error(ZmtpProtocolError.MessageBeforeReady, "Message frame received before the handshake completed.");
            }

            var size = (int)_header.Size;
            if (reader.Remaining >= size)
            {
                frame = TakeWhole(ref reader, size);
                return true;
            }

            _inBody = true;
            _filled = 0;
            _partial = FrameBufferPool.Instance.Rent(Math.Min(size, InitialChunk));
        }

        return Accumulate(ref reader, out frame);
    }

    /// <summary>
    /// The fast path for the usual small message: reads a short message frame that lies wholly in the
    /// reader's current span, giving its body in place. False (nothing consumed) for anything else, which
    /// <see cref="TryRead"/> then handles.
    /// </summary>
    public bool TryReadShortMessage(ref SequenceReader<byte> reader, out ReadOnlySpan<byte> body, out bool more)
    {
        var span = reader.UnreadSpan;
        if (!_inBody && !CommandsOnly && span.Length >= ZmtpFrameHeader.ShortLength)
        {
            var flags = (ZmtpFrameFlags)span[0];
            int size = span[1];
            if ((flags & (ZmtpFrameFlags.Long | ZmtpFrameFlags.Command)) == 0
                && span.Length - ZmtpFrameHeader.ShortLength >= size
                && (MaxSize < 0 || size <= MaxSize))
            {
                body = span.Slice(ZmtpFrameHeader.ShortLength, size);
                more = (flags & ZmtpFrameFlags.More) != 0;
                reader.Advance(ZmtpFrameHeader.ShortLength + size);
                return true;
            }
        }

        body = default;
        more = false;
        return false;
    }

    /// <summary>Drops a partially received body and returns its buffer.</summary>
    public void Reset()
    {
        if (_partial is not null)
        {
            FrameBufferPool.Instance.Return(_partial);
            _partial = null;
        }

        _inBody = false;
        _filled = 0;
    }

    private ZmtpFrame TakeWhole(ref SequenceReader<byte> reader, int size)
    {
        var body = reader.UnreadSequence.Slice(0, size);
        reader.Advance(size);
        return new ZmtpFrame(_header, null, size, body);
    }

    private bool Accumulate(ref SequenceReader<byte> reader, out ZmtpFrame frame)
    {
        frame = default;
        var size = (int)_header.Size;
        while (_filled < size && !reader.End)
        {
            if (_filled == _partial!.Length)
            {
                Grow(size, reader.Remaining);
            }

            var chunk = (int)Math.Min(Math.Min(size - _filled, _partial.Length - _filled), reader.Remaining);
            reader.TryCopyTo(_partial.AsSpan(_filled, chunk));
            reader.Advance(chunk);
            _filled += chunk;
        }

        if (_filled < size)
        {
            return false;
        }

        var rented = _partial!;
        _partial = null;
        _inBody = false;
        frame = new ZmtpFrame(_header, rented, size, new ReadOnlySequence<byte>(rented, 0, size));
        return true;
    }

    private void Grow(int size, long available)
    {
        // Commit memory only for bytes that have arrived: at least double, at least what is buffered now.
        var wanted = Math.Max((long)_partial!.Length * 2, _filled + available);
        var next = FrameBufferPool.Instance.Rent((int)Math.Min(wanted, size));
        _partial.AsSpan(0, _filled).CopyTo(next);
        FrameBufferPool.Instance.Return(_partial);
        _partial = next;
    }
}
