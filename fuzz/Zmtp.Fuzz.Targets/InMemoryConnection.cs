using System.Buffers;
using System.IO.Pipelines;

namespace Zmtp.Fuzz;

/// <summary>
/// A session's connection over two in-memory pipes with inline schedulers and no back-pressure: a peer
/// write runs the session's pending read on the writing thread, so a run is deterministic, uses no
/// thread pool and never waits.
/// </summary>
internal sealed class InMemoryConnection
{
    private static readonly PipeOptions Options = new(
        readerScheduler: PipeScheduler.Inline,
        writerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: 0,
        useSynchronizationContext: false);

    private readonly Pipe _toSession = new(Options);
    private readonly Pipe _toPeer = new(Options);

    public InMemoryConnection() => Session = new Duplex(_toSession.Reader, _toPeer.Writer);

    /// <summary>The session's side.</summary>
    public IDuplexPipe Session { get; }

    /// <summary>Writes bytes as the peer and flushes them to the session.</summary>
    public void PeerWrite(ReadOnlySpan<byte> bytes)
    {
        _toSession.Writer.Write(bytes);
        Bounded.Wait(_toSession.Writer.FlushAsync(), "A peer write into the in-memory pipe");
        DrainSessionOutput();
    }

    /// <summary>The peer closes its side: the session sees the end of the stream.</summary>
    public void PeerClose() => _toSession.Writer.Complete();

    /// <summary>Drops what the session wrote (greeting, READY, PONGs), so memory stays bounded.</summary>
    public byte[] DrainSessionOutput()
    {
        if (!_toPeer.Reader.TryRead(out var result))
        {
            return [];
        }

        var bytes = result.Buffer.ToArray();
        _toPeer.Reader.AdvanceTo(result.Buffer.End);
        return bytes;
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
