using System.IO.Pipelines;
using System.Net.Sockets;

namespace Zmtp.Transport;

/// <summary>
/// A tcp or ipc connection as a duplex pipe: a receive loop fills <see cref="Input"/>, a send loop drains
/// <see cref="Output"/>, and a single close path records why the connection ended.
/// </summary>
internal sealed partial class SocketConnection : ZmtpConnection
{
    // Back-pressure: once this much received data waits for the application, the receive loop stops reading
    // the socket, the kernel window fills and the peer's sends slow down.
    private const long InputPauseThreshold = 1024 * 1024;
    private const long InputResumeThreshold = InputPauseThreshold / 2;

    // Once this much output waits to be sent, the application's FlushAsync waits for the send loop.
    private const long OutputPauseThreshold = 1024 * 1024;
    private const long OutputResumeThreshold = OutputPauseThreshold / 2;

    private const int SegmentSize = SegmentPool.BlockSize;

    // Disposal waits this long for the output to drain and the peer to close its side, then aborts.
    internal static readonly TimeSpan GracefulCloseTimeout = TimeSpan.FromSeconds(3);

    // Application-facing continuations go to the thread pool so user code never runs inside our loops;
    // the loops' own continuations run inline (e.g. the send loop starts sending inside the app's FlushAsync).
    private static readonly PipeOptions InputOptions = new(
        pool: SegmentPool.Connections,
        pauseWriterThreshold: InputPauseThreshold,
        resumeWriterThreshold: InputResumeThreshold,
        readerScheduler: PipeScheduler.Inline,
        writerScheduler: PipeScheduler.Inline,
        minimumSegmentSize: SegmentSize,
        useSynchronizationContext: false);

    private static readonly PipeOptions OutputOptions = new(
        pool: SegmentPool.Connections,
        pauseWriterThreshold: OutputPauseThreshold,
        resumeWriterThreshold: OutputResumeThreshold,
        readerScheduler: PipeScheduler.Inline,
        writerScheduler: PipeScheduler.ThreadPool,
        minimumSegmentSize: SegmentSize,
        useSynchronizationContext: false);

    private readonly Socket _socket;
    private readonly Pipe _input = new(InputOptions);
    private readonly Pipe _output = new(OutputOptions);
    private readonly CancellationTokenSource _closed = new();
    private readonly Task _receiveTask;
    private readonly Task _sendTask;
    private readonly Task _closedTask;
    private int _closeStarted;
    private int _disposeStarted;
    private int _endReason;
    private volatile bool _closing;
    private volatile bool _discardInput;
    private volatile Exception? _closeError;

    // Written only by the receive loop.
    private long _bytesReceived;

    public SocketConnection(Socket socket, string localEndpoint, string remoteEndpoint, string? peerAddress)
    {
        _socket = socket;
        LocalEndpoint = localEndpoint;
        RemoteEndpoint = remoteEndpoint;
        PeerAddress = peerAddress;
        _receiveTask = ReceiveLoopAsync();
        _sendTask = SendLoopAsync();
        _closedTask = WaitForLoopsAsync();
    }

    public override PipeReader Input => _input.Reader;

    public override PipeWriter Output => _output.Writer;

    public override string LocalEndpoint { get; }

    public override string RemoteEndpoint { get; }

    public override string? PeerAddress { get; }

    public override long BytesReceived => Volatile.Read(ref _bytesReceived);

    public override CancellationToken ConnectionClosed => _closed.Token;

    /// <summary>The underlying socket, for tests that check socket options.</summary>
    internal Socket Socket => _socket;

    /// <summary>The first recorded cause of the end of this connection (None while open).</summary>
    internal ConnectionEndReason EndReason => (ConnectionEndReason)Volatile.Read(ref _endReason);

    public override void Abort(Exception? reason = null) =>
        CloseSocket(ConnectionEndReason.Aborted, reason ?? SocketErrors.Aborted());

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposeStarted, 1) == 0)
        {
            RecordEnd(ConnectionEndReason.LocalClose);

            // The application is done reading: stop filling Input and keep draining the socket, so unread
            // bytes in our kernel buffer cannot turn the close into a reset that discards our last output.
            _discardInput = true;
            _input.Writer.CancelPendingFlush();

            // Completing Output lets the send loop send what was flushed, then half-close (the peer sees EOF).
            try
            {
                _output.Writer.Complete();
            }
            catch (InvalidOperationException)
            {
                // Already completed by the application.
            }

            try
            {
                await _closedTask.WaitAsync(GracefulCloseTimeout).ConfigureAwait(false);
                return;
            }
            catch (TimeoutException)
            {
                // Dead or stalled peer: bounded wait over, close now.
                CloseSocket(ConnectionEndReason.LocalClose, null);
            }
        }

        await _closedTask.ConfigureAwait(false);
    }

    private void RecordEnd(ConnectionEndReason reason) =>
        Interlocked.CompareExchange(ref _endReason, (int)reason, (int)ConnectionEndReason.None);

    /// <summary>
    /// Closes the socket now, exactly once. Both loops wake (pending output is discarded) and complete their
    /// pipe halves with <paramref name="error"/> (null for a clean local close).
    /// </summary>
    private void CloseSocket(ConnectionEndReason reason, Exception? error)
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) != 0)
        {
            return;
        }

        RecordEnd(reason);
        _closeError = error;
        _closing = true;
        _output.Reader.CancelPendingRead();
        _input.Writer.CancelPendingFlush();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset or not connected: closing is all that is left.
        }
        catch (ObjectDisposedException)
        {
        }

        _socket.Dispose();
    }

    /// <summary>Runs once both loops have ended: releases the socket, then signals <see cref="ConnectionClosed"/>.</summary>
    private async Task WaitForLoopsAsync()
    {
        // ForceYielding: ConnectionClosed callbacks must not run inline inside a loop or the application's call.
        await Task.WhenAll(_receiveTask, _sendTask)
            .ConfigureAwait(ConfigureAwaitOptions.ForceYielding | ConfigureAwaitOptions.SuppressThrowing);
        RecordEnd(ConnectionEndReason.EndOfStream);
        _socket.Dispose();
        try
        {
            _closed.Cancel();
        }
        catch (AggregateException)
        {
            // A throwing ConnectionClosed callback must not fault disposal.
        }
    }
}
