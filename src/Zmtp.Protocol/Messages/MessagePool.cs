using System.Collections.Concurrent;

namespace Zmtp;

/// <summary>
/// Recycled <see cref="Message"/> objects for one socket's internal traffic: messages parsed by its receive
/// pumps until the application takes their frames, and messages it builds for sends from raw memory. A
/// pooled message goes back here when its last holder frees it, keeping its frame slots and inline buffer,
/// so steady traffic allocates no message objects. Holds at most <see cref="Capacity"/> idle objects.
/// </summary>
internal sealed class MessagePool
{
    private readonly ConcurrentQueue<Message> _idle = new();
    private int _idleCount;

    public MessagePool(int capacity) => Capacity = capacity;

    /// <summary>The most idle messages kept; beyond it freed messages are left to the collector.</summary>
    public int Capacity { get; }

    /// <summary>An empty message with one reference, recycled when possible.</summary>
    public Message Rent()
    {
        if (_idle.TryDequeue(out var message))
        {
            Interlocked.Decrement(ref _idleCount);
            return message;
        }

        return new Message(this);
    }

    /// <summary>Called by a pooled message once it is empty and has no holder.</summary>
    internal void Return(Message message)
    {
        if (Interlocked.Increment(ref _idleCount) <= Capacity)
        {
            _idle.Enqueue(message);
            return;
        }

        Interlocked.Decrement(ref _idleCount);
    }
}
