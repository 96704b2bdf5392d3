using System.Collections.Concurrent;

namespace Zmtp;

/// <summary>
/// Recycled <see cref="Message"/> objects for one socket's internal traffic: messages parsed by its receive
/// pumps until the application takes their frames, and messages it builds for sends from raw memory. A
/// pooled message goes back here when its last holder frees it, keeping its frame slots and inline buffer,
/// so steady traffic allocates no message objects. Holds about <see cref="Capacity"/> idle objects at most.
/// </summary>
internal sealed class MessagePool
{
    private readonly ConcurrentQueue<Message> _idle = new();
    private int _returns;
    private bool _full;

    private readonly Func<int> _capacity;

    /// <summary>Creates a pool.</summary>
    /// <param name="capacity">The current bound (read at each check, so it can follow the socket's options).</param>
    public MessagePool(Func<int> capacity) => _capacity = capacity;

    /// <summary>The most idle messages kept (a soft bound, checked every <see cref="CheckEvery"/> returns
    /// so the hot path touches no shared counter); beyond it freed messages are left to the collector.</summary>
    public int Capacity => _capacity();

    private const int CheckEvery = 64;

    /// <summary>An empty message with one reference, recycled when possible.</summary>
    public Message Rent() => _idle.TryDequeue(out var message) ? message : new Message(this);

    /// <summary>Called by a pooled message once it is empty and has no holder.</summary>
    internal void Return(Message message)
    {
        // Racy counting is fine: it only spaces out the checks of the queue's length, and between checks
        // returns are kept or dropped as the last check decided.
        if (++_returns % CheckEvery == 0)
        {
            _full = _idle.Count >= Capacity;
        }

        if (!_full)
        {
            _idle.Enqueue(message);
        }
    }
}
