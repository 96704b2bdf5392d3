using Zmtp.Protocol;

namespace Zmtp.Fuzz;

/// <summary>
/// Drives a handshaken <see cref="ZmtpSession"/> over an <see cref="InMemoryConnection"/>: feeds peer
/// chunks, reads every item each chunk completes (answering PING with PONG, as a socket does) and records
/// what came out. Only <see cref="ZmtpProtocolException"/> may escape the session; it ends the transcript.
/// </summary>
internal sealed class SessionTranscript(ZmtpSession session, InMemoryConnection connection)
{
    private readonly List<string> _items = [];

    public bool Ended { get; private set; }

    public IReadOnlyList<string> Items => _items;

    public void Add(string item) => _items.Add(item);

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        if (Ended)
        {
            return;
        }

        connection.PeerWrite(chunk);
        try
        {
            while (!Ended && session.TryRead(out var inbound))
            {
                Record(inbound);
            }
        }
        catch (ZmtpProtocolException ex)
        {
            End(Describe.Error(ex));
        }
    }

    /// <summary>The peer closes; reads what is left until <see cref="ZmtpInboundKind.Closed"/> or an error.</summary>
    public void Close()
    {
        connection.PeerClose();
        ReadToEnd();
    }

    /// <summary>With the peer's side already complete: reads until Closed or an error.</summary>
    public void ReadToEnd()
    {
        try
        {
            while (!Ended)
            {
                Record(Bounded.Wait(session.ReadAsync(), "ZmtpSession.ReadAsync after the peer closed"));
            }

            if (_items[^1] != "Closed")
            {
                // Ended by a protocol error: the session must not be used any more.
                return;
            }

            // Closed is sticky: a read after it says Closed again and does not wait.
            var again = Bounded.Wait(session.ReadAsync(), "A second ZmtpSession.ReadAsync after Closed");
            if (again.Kind != ZmtpInboundKind.Closed)
            {
                throw new FuzzBugException($"ReadAsync returned {Describe.Inbound(again)} after Closed.");
            }
        }
        catch (ZmtpProtocolException ex)
        {
            End(Describe.Error(ex));
        }
    }

    public override string ToString() => string.Join(" ", _items);

    private void Record(in ZmtpInbound inbound)
    {
        var text = Describe.Inbound(inbound);
        switch (inbound.Kind)
        {
            case ZmtpInboundKind.Message:
                inbound.Message!.Dispose();
                break;
            case ZmtpInboundKind.Ping:
                session.WritePong(inbound.Data.Span);
                Bounded.Wait(session.FlushAsync(), "Flushing a PONG");
                connection.DrainSessionOutput();
                break;
            case ZmtpInboundKind.Closed:
                End(text);
                return;
        }

        _items.Add(text);
    }

    private void End(string item)
    {
        _items.Add(item);
        Ended = true;
    }
}
