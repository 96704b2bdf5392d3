using Zmtp.Protocol;

namespace Zmtp.Core;

/// <summary>
/// What a pump has taken from a peer's queue in one batch: releases each message it has finished with (a
/// run of the same message, such as one payload sent again and again or a PUB's fan-out, in one update of
/// its count), then frees the batch's SNDHWM slots at once.
/// </summary>
internal struct WrittenMessages
{
    private Message? _run;
    private int _runLength;
    private int _count;

    /// <summary>The item is written (or handed over): its message, if any, is no longer needed.</summary>
    public void Add(in OutboundItem item)
    {
        if (item.Kind != OutboundKind.Message)
        {
            return;
        }

        _count++;
        if (item.Message != _run)
        {
            _run?.ReleaseReferences(_runLength);
            _run = item.Message;
            _runLength = 0;
        }

        _runLength++;
    }

    /// <summary>Releases what is held and frees the slots in <paramref name="peer"/>'s queue.</summary>
    public void Complete(Peer peer)
    {
        _run?.ReleaseReferences(_runLength);
        _run = null;
        _runLength = 0;
        peer.OnMessagesWritten(_count);
        _count = 0;
    }
}
