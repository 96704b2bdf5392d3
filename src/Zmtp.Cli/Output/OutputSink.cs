using System.Buffers;
using System.Text;

namespace Zmtp.Cli.Output;

/// <summary>
/// Standard output of the tool: message lines and results only, each flushed as soon as it is written so
/// that a script reading the pipe sees every message when it arrives. Thread-safe (the demo writes from
/// several tasks).
/// </summary>
internal sealed class OutputSink
{
    private readonly Stream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Lock _lock = new();
    private readonly Action? _closed;

    /// <param name="stream">Standard output.</param>
    /// <param name="closed">Called once if the reader goes away, so the command can stop.</param>
    public OutputSink(Stream stream, Action? closed = null)
    {
        _stream = stream;
        _closed = closed;
    }

    /// <summary>Writes one received message as a TAB-separated line (see <see cref="FrameText.WriteLine"/>).</summary>
    public void WriteMessage(IReadOnlyList<ReadOnlyMemory<byte>> frames, bool hex)
    {
        lock (_lock)
        {
            FrameText.WriteLine(_buffer, frames, hex);
            FlushBuffer();
        }
    }

    /// <summary>Writes a line of text (READY, a JSON result, a demo line).</summary>
    public void WriteLine(string text)
    {
        lock (_lock)
        {
            var span = _buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length) + 1);
            var length = Encoding.UTF8.GetBytes(text, span);
            span[length] = (byte)'\n';
            _buffer.Advance(length + 1);
            FlushBuffer();
        }
    }

    private void FlushBuffer()
    {
        try
        {
            _stream.Write(_buffer.WrittenSpan);
            _stream.Flush();
        }
        catch (IOException)
        {
            // The reader went away (e.g. `zmtp recv ... | head -1`): nothing left to tell it, so stop
            // as a SIGPIPE would (.NET ignores SIGPIPE).
            _closed?.Invoke();
        }
        finally
        {
            _buffer.ResetWrittenCount();
        }
    }
}
