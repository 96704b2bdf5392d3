using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Zmtp.Streams;

/// <content>Sending: an unbounded FIFO the loop writes to the socket as it can take messages.</content>
public sealed partial class ZmtpStream
{
    private readonly Queue<Message> _sendQueue = new();

    /// <summary>Queues a message and returns at once; the loop writes it when the socket can take it (a peer
    /// below its high-water mark, a REQ that got its reply), in queue order, then runs the send callback.</summary>
    /// <param name="message">The message; it belongs to the stream from now on (see the type's remarks).</param>
    /// <exception cref="ArgumentException">The message has no frames.</exception>
    /// <exception cref="NotSupportedException">The socket type cannot send (SUB, PULL).</exception>
    /// <exception cref="InvalidOperationException">The stream is closed.</exception>
    public void Send(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Count == 0)
        {
            throw new ArgumentException("A message has at least one frame.", nameof(message));
        }

        if (Socket.SocketType is ZmtpSocketType.Sub or ZmtpSocketType.Pull)
        {
            throw new NotSupportedException($"A {Socket.SocketType.ToString().ToUpperInvariant()} socket cannot send.");
        }

        bool first;
        lock (_gate)
        {
            ThrowIfClosedLocked();

            // Handing a message delivered with copy=false to Send keeps it alive past its callback.
            message.Keep();
            _sendQueue.Enqueue(message);
            first = _sendQueue.Count == 1;
        }

        // Later messages are picked up by the dispatch that writes the first.
        if (first)
        {
            RequestDispatch();
        }
    }

    /// <summary>Queues a single-frame message (the memory is not copied: do not change it until it was sent).</summary>
    /// <param name="frame">The frame.</param>
    public void Send(ReadOnlyMemory<byte> frame) => Send(new Message(frame));

    /// <summary>Queues a single-frame message holding the UTF-8 encoding of <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    public void SendString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Send(new Message(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Queues a multipart message made of <paramref name="frames"/> (not copied).</summary>
    /// <param name="frames">The frames, first to last.</param>
    public void SendMultipart(IEnumerable<ReadOnlyMemory<byte>> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var message = new Message();
        foreach (var frame in frames)
        {
            message.Add(frame);
        }

        Send(message);
    }

    /// <summary>Queues a multipart message made of <paramref name="frames"/> (not copied).</summary>
    /// <param name="frames">The frames, first to last.</param>
    public void SendMultipart(IEnumerable<byte[]> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        Send(new Message(frames));
    }

    /// <summary>Queues one frame holding <paramref name="value"/> as UTF-8 JSON, serialized now with
    /// source-generated metadata (no reflection, so trimming and native AOT are safe).</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="typeInfo">Its metadata, from a <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>.</param>
    public void SendJson<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        Send(new Message(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo)));
    }

    /// <summary>Writes the first queued message if the socket can take it now and runs the send callback
    /// (under _dispatchLock). A message the socket refuses is reported and dropped, as pyzmq does.</summary>
    private bool SendOne()
    {
        Message message;
        lock (_gate)
        {
            if (_sendQueue.Count == 0)
            {
                return false;
            }

            message = _sendQueue.Peek();
        }

        // Out means a send would not wait and the pattern allows one now (not a REQ awaiting its reply).
        if ((Socket.Events & PollEvents.Out) == PollEvents.None)
        {
            return false;
        }

        Exception? failure = null;
        try
        {
            if (!Socket.TrySend(message))
            {
                return false;
            }
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        Action<Message>? callback;
        Action<ZmtpStream, Message>? streamCallback;
        lock (_gate)
        {
            _sendQueue.Dequeue();
            callback = _onSend;
            streamCallback = _onSendStream;
        }

        try
        {
            if (failure is not null)
            {
                ReportError(failure, StreamErrorSource.Send, message);
            }
            else if (streamCallback is not null || callback is not null)
            {
                try
                {
                    Invoke(callback, streamCallback, message);
                }
                catch (Exception ex)
                {
                    ReportError(ex, StreamErrorSource.SendCallback, message);
                }
            }
        }
        finally
        {
            // The socket holds its own reference until the message is on the wire.
            message.Dispose();
        }

        return true;
    }
}
