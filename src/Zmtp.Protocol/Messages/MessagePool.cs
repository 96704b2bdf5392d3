using System.Collections.Concurrent;
using System.Diagnostics;

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
    public Message Rent()
    {
        if (!_idle.TryDequeue(out var message))
        {
            return new Message(this);
        }

        message.LeavePool();
        return message;
    }

    /// <summary>Called by a pooled message once it is empty and has no holder. A message already idle here
    /// is refused (and asserted on in Debug builds): returned twice, it could be rented by two holders at
    /// once, and one would read the other's frames.</summary>
    internal void Return(Message message)
    {
        if (!message.TryEnterPool())
        {
            Debug.Fail("A pooled message was returned twice.");
            return;
        }

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
