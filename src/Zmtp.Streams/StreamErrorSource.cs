namespace Zmtp.Streams;

/// <summary>Where a failure reported by <see cref="ZmtpStream.Error"/> happened.</summary>
public enum StreamErrorSource
{
    /// <summary>A receive callback (<see cref="ZmtpStream.OnReceive"/>, <see cref="ZmtpStream.OnReceiveStream"/>) threw.</summary>
    ReceiveCallback,

    /// <summary>A send callback (<see cref="ZmtpStream.OnSend"/>, <see cref="ZmtpStream.OnSendStream"/>) threw.</summary>
    SendCallback,

    /// <summary>The socket refused a queued message (unroutable, pattern state); the message was dropped.</summary>
    Send,

    /// <summary>The socket failed while being read.</summary>
    Receive,

    /// <summary>The close callback threw.</summary>
    CloseCallback,
}
