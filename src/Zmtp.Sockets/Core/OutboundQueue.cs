using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Zmtp.Core;

/// <summary>
/// A peer's outbound queue: any number of writers (senders, the receive pump queueing a PONG), one reader
/// (the connection's send pump), and no lock: an unbounded channel takes a lock on every write when it may
/// have several writers, which was a fifth of a sender's time per small message.
/// </summary>
internal sealed class OutboundQueue
{
    private readonly ConcurrentQueue<OutboundItem> _items = new();
    private readonly AsyncSignal _written = new();

    /// <summary>Queues an item and wakes the reader if it waits.</summary>
    public void Write(in OutboundItem item)
    {
        _items.Enqueue(item);
        _written.Set();
    }

    /// <summary>Takes the next item, if any.</summary>
    public bool TryRead(out OutboundItem item) => _items.TryDequeue(out item);

    /// <summary>Completes when an item may be waiting. Cancellation wins even then (as a channel's does): a
    /// pump whose connection has ended must leave what is queued to the next connection.</summary>
    public ValueTask WaitToReadAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        return _items.IsEmpty ? WaitSlowAsync(cancellationToken) : ValueTask.CompletedTask;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WaitSlowAsync(CancellationToken cancellationToken) =>
        await _written.WaitUntilAsync(static items => !items.IsEmpty, _items, cancellationToken).ConfigureAwait(false);
}
