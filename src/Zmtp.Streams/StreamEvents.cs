namespace Zmtp.Streams;

/// <summary>The kinds of stream events <see cref="ZmtpStream.Flush"/> runs (pyzmq's POLLIN / POLLOUT flags).</summary>
[Flags]
public enum StreamEvents
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Receiving a waiting message and running the receive callback.</summary>
    Receive = 1,

    /// <summary>Writing a queued message and running the send callback.</summary>
    Send = 2,
}
