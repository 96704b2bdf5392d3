using System.Collections.Concurrent;

namespace Zmtp.Core;

/// <summary>
/// Messages received from one peer and not yet taken, at most RCVHWM of them. A receive pump that finds it
/// full waits until it has drained to the low-water mark (half, as libzmq), so a full inbox costs one
/// wake-up per half queue rather than one per message.
/// </summary>
internal sealed class Inbox
{
    private readonly ConcurrentQueue<Message> _queue = new();
    private readonly AsyncSignal _room = new();
    private readonly int _capacity;
    private readonly int _lowWater;
    private readonly bool _conflate;
    private int _count;

    public Inbox(int capacity, bool conflate)
    {
        // CONFLATE keeps only the newest message.
        _capacity = conflate ? 1 : capacity;
        _lowWater = _capacity / 2;
        _conflate = conflate;
    }

    public int Count => Volatile.Read(ref _count);

    public bool HasRoom => _conflate || _capacity == 0 || Count < _capacity;

    /// <summary>How many more messages fit now.</summary>
    public int FreeSlots => _conflate || _capacity == 0 ? int.MaxValue : Math.Max(0, _capacity - Count);

    /// <summary>Set when the inbox drains to its low-water mark.</summary>
    public AsyncSignal Room => _room;

    public bool TryAdd(Message message)
    {
        if (_conflate)
        {
            while (TryTake(out var replaced))
            {
                replaced.Dispose();
            }
        }
        else if (!HasRoom)
        {
            return false;
        }

        Interlocked.Increment(ref _count);
        _queue.Enqueue(message);
        return true;
    }

    /// <summary>Adds messages from <paramref name="start"/> on, in order, as far as there is room; one update
    /// of the count for all of them. Returns how many were added.</summary>
    public int TryAddMany(List<Message> messages, int start)
    {
        var wanted = messages.Count - start;
        if (_conflate)
        {
            // Only the newest counts: the others are replaced at once.
            for (var i = start; i < messages.Count; i++)
            {
                TryAdd(messages[i]);
            }

            return wanted;
        }

        var room = _capacity == 0 ? wanted : Math.Min(wanted, _capacity - Count);
        if (room <= 0)
        {
            return 0;
        }

        // Counted before they are visible, so a taker never sees the count go below zero.
        Interlocked.Add(ref _count, room);
        for (var i = 0; i < room; i++)
        {
            _queue.Enqueue(messages[start + i]);
        }

        return room;
    }

    public bool TryTake(out Message message)
    {
        if (!_queue.TryDequeue(out message!))
        {
            return false;
        }

        // Only the step onto the low-water mark wakes: a pump waits only while the inbox is full, and counts
        // drop one at a time, so the drain of a full inbox always passes the mark.
        if (Interlocked.Decrement(ref _count) == _lowWater)
        {
            _room.Set();
        }

        return true;
    }

    /// <summary>Drops and disposes everything held.</summary>
    public void Clear()
    {
        while (TryTake(out var message))
        {
            message.Dispose();
        }
    }
}
