using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace Zmtp.Transport;

/// <summary>The receive loop: socket to <see cref="SocketConnection.Input"/>.</summary>
internal sealed partial class SocketConnection
{
    // Read into whatever is left of the current pipe segment when at least this much is free.
    private const int ReceiveSizeHint = 4 * 1024;
    private const int DiscardBufferSize = 4 * 1024;

    private async Task ReceiveLoopAsync()
    {
        PipeWriter writer = _input.Writer;
        Exception? error = null;
        bool inputCompleted = false;
        try
        {
            bool waitForData = true;
            while (true)
            {
                if (_closing)
                {
                    error = _closeError;
                    break;
                }

                if (_discardInput)
                {
                    writer.Complete();
                    inputCompleted = true;
                    await DiscardUntilEndAsync().ConfigureAwait(false);
                    break;
                }

                if (waitForData)
                {
                    // A zero-byte read waits for data without holding a buffer, so idle connections cost no memory.
                    await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
                }

                Memory<byte> buffer = writer.GetMemory(ReceiveSizeHint);
                int received = await _socket.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                if (received == 0)
                {
                    // Our own shutdown(SHUT_RD) also reads as end of stream: report why we closed instead.
                    if (_closing)
                    {
                        error = _closeError;
                        break;
                    }

                    // The peer's end of stream: Input completes without an error.
                    RecordEnd(ConnectionEndReason.EndOfStream);
                    break;
                }

                Volatile.Write(ref _bytesReceived, _bytesReceived + received);

                // A filled buffer means more is probably queued: read again without waiting first.
                waitForData = received < buffer.Length;
                writer.Advance(received);

                // Awaiting the flush is the back-pressure: while the application lags, the socket is not read.
                FlushResult flush = await writer.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted)
                {
                    // The application completed Input: drop further bytes but keep the connection usable.
                    _discardInput = true;
                }
            }
        }
        catch (Exception) when (_closing)
        {
            // The socket was closed under us on purpose; report the recorded reason, not the side effect.
            error = _closeError;
        }
        catch (SocketException ex)
        {
            error = ex;
            CloseSocket(ConnectionEndReason.Reset, ex);
        }
        catch (Exception ex)
        {
            error = ex;
            CloseSocket(ConnectionEndReason.Aborted, ex);
        }
        finally
        {
            if (!inputCompleted)
            {
                writer.Complete(error);
            }
        }
    }

    private async Task DiscardUntilEndAsync()
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(DiscardBufferSize);
        try
        {
            int received;
            while ((received = await _socket.ReceiveAsync(scratch.AsMemory(), SocketFlags.None).ConfigureAwait(false)) > 0)
            {
                Volatile.Write(ref _bytesReceived, _bytesReceived + received);
            }

            RecordEnd(ConnectionEndReason.EndOfStream);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
