namespace Zmtp.Streams;

/// <content>Flush: run pending events now, ahead of the loop's order.</content>
public sealed partial class ZmtpStream
{
    /// <summary>Runs pending receive and/or send events right now, so a program can serve one socket ahead
    /// of the loop's order: each receive takes a waiting message and runs the receive callback (with no
    /// callback registered the message is taken and dropped, as pyzmq's flush does); each send writes a
    /// queued message the socket can take and runs the send callback. Stops when nothing of
    /// <paramref name="kinds"/> is ready or <paramref name="limit"/> events have run.</summary>
    /// <param name="kinds">Which events to run.</param>
    /// <param name="limit">The most events to run (receives and sends together); null for no limit. Unlike
    /// pyzmq, 0 runs nothing and the limit is never exceeded.</param>
    /// <returns>How many events ran.</returns>
    /// <exception cref="InvalidOperationException">The stream is closed, or the call is not on the stream's loop.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    public int Flush(StreamEvents kinds = StreamEvents.Receive | StreamEvents.Send, int? limit = null)
    {
        if (limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit cannot be negative.");
        }

        lock (_gate)
        {
            ThrowIfClosedLocked();
        }

        var onLoop = Loop is not null ? Loop.IsOnLoopThread : ReferenceEquals(SynchronizationContext.Current, _context);
        if (!onLoop)
        {
            throw new InvalidOperationException("Flush runs callbacks, so call it on the stream's loop (from a callback or work posted to the loop).");
        }

        var max = limit ?? int.MaxValue;
        var count = 0;
        lock (_dispatchLock)
        {
            while (count < max && !_closed)
            {
                var ran = false;
                if ((kinds & StreamEvents.Receive) != 0 && ReceiveOne(dropWithoutCallback: true))
                {
                    count++;
                    ran = true;
                }

                if (count < max && !_closed && (kinds & StreamEvents.Send) != 0 && SendOne())
                {
                    count++;
                    ran = true;
                }

                if (!ran)
                {
                    break;
                }
            }
        }

        if (count > 0)
        {
            // What the stream waits for may have changed (queue emptied, receiver state moved on).
            RequestDispatch();
        }

        return count;
    }
}
