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

    // CONFLATE: the one message waiting, if any (the queue is unused).
    private Message? _latest;

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

    /// <summary>Adds a message if there is room. <paramref name="grew"/> is false when CONFLATE replaced the
    /// message waiting, so the count of messages waiting did not change.</summary>
    public bool TryAdd(Message message, out bool grew)
    {
        if (_conflate)
        {
            // One slot, swapped: the newest replaces the one waiting without the slot ever being empty in
            // between, so a receiver that has claimed "the" message always finds one.
            var replaced = Interlocked.Exchange(ref _latest, message);
            grew = replaced is null;
            if (grew)
            {
                Interlocked.Increment(ref _count);
            }
            else
            {
                replaced!.Dispose();
            }

            return true;
        }

        grew = false;
        if (!HasRoom)
        {
            return false;
        }

        Interlocked.Increment(ref _count);
        _queue.Enqueue(message);
        grew = true;
        return true;
    }

    /// <summary>Adds messages from <paramref name="start"/> on, in order, as far as there is room; one update
    /// of the count for all of them. Returns how many were taken from the list; <paramref name="added"/> is
    /// how many more now wait (fewer under CONFLATE, where each replaces the last).</summary>
    public int TryAddMany(List<Message> messages, int start, out int added)
    {
        var wanted = messages.Count - start;
        if (_conflate)
        {
            added = 0;
            for (var i = start; i < messages.Count; i++)
            {
                TryAdd(messages[i], out var grew);
                added += grew ? 1 : 0;
            }

            return wanted;
        }

        var room = _capacity == 0 ? wanted : Math.Min(wanted, _capacity - Count);
        if (room <= 0)
        {
            added = 0;
            return 0;
        }

        // Counted before they are visible, so a taker never sees the count go below zero.
        Interlocked.Add(ref _count, room);
        for (var i = 0; i < room; i++)
        {
            _queue.Enqueue(messages[start + i]);
        }

        added = room;
        return room;
    }

    public bool TryTake(out Message message)
    {
        if (_conflate)
        {
            message = Interlocked.Exchange(ref _latest, null)!;
            if (message is null)
            {
                return false;
            }

            Interlocked.Decrement(ref _count);
            return true;
        }

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
