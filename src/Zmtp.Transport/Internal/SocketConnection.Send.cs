using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Zmtp.Transport;

/// <summary>The send loop: <see cref="SocketConnection.Output"/> to the socket.</summary>
internal sealed partial class SocketConnection
{
    // Reused for gather sends of multi-segment batches; only the send loop touches it.
    private readonly List<ArraySegment<byte>> _sendSegments = [];

    private async Task SendLoopAsync()
    {
        PipeReader reader = _output.Reader;
        Exception? error = null;
        bool drained = false;
        try
        {
            while (true)
            {
                ReadResult result = await reader.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    // Only CloseSocket cancels the read: pending output is discarded.
                    error = _closeError;
                    break;
                }

                ReadOnlySequence<byte> buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    await SendAsync(buffer).ConfigureAwait(false);
                }

                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    drained = true;
                    break;
                }
            }
        }
        catch (Exception) when (_closing)
        {
            error = _closeError;
        }
        catch (SocketException ex)
        {
            error = ex;
            CloseSocket(ConnectionEndReason.Reset, ex);
        }
        catch (Exception ex)
        {
            // Includes the application completing Output with an exception: that is an abort.
            error = ex;
            CloseSocket(ConnectionEndReason.Aborted, ex);
        }
        finally
        {
            reader.Complete(error);
        }

        if (drained)
        {
            HalfClose();
        }
    }

    /// <summary>Sends everything after the data already queued, so the peer reads all of it and then end of stream.</summary>
    private void HalfClose()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The peer is already gone; the receive loop reports it.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async ValueTask SendAsync(ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsSingleSegment)
        {
            await SendAllAsync(buffer.First).ConfigureAwait(false);
            return;
        }

        // One gather send (sendmsg with an iovec per segment) for the whole batch instead of a syscall per segment.
        _sendSegments.Clear();
        foreach (ReadOnlyMemory<byte> segment in buffer)
        {
            if (!MemoryMarshal.TryGetArray(segment, out ArraySegment<byte> array))
            {
                _sendSegments.Clear();
                await SendSegmentsAsync(buffer).ConfigureAwait(false);
                return;
            }

            _sendSegments.Add(array);
        }

        int sent;
        try
        {
            sent = await _socket.SendAsync(_sendSegments, SocketFlags.None).ConfigureAwait(false);
        }
        finally
        {
            // Drop references to pooled arrays the pipe is about to reuse.
            _sendSegments.Clear();
        }

        if (sent < buffer.Length)
        {
            await SendSegmentsAsync(buffer.Slice(sent)).ConfigureAwait(false);
        }
    }

    private async ValueTask SendSegmentsAsync(ReadOnlySequence<byte> buffer)
    {
        foreach (ReadOnlyMemory<byte> segment in buffer)
        {
            await SendAllAsync(segment).ConfigureAwait(false);
        }
    }

    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            int sent = await _socket.SendAsync(data, SocketFlags.None).ConfigureAwait(false);
            data = data[sent..];
        }
    }
}
