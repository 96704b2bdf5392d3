namespace Zmtp.Protocol;

/// <summary>
/// A violation of the ZMTP protocol by the peer (or a handshake failure). The connection it happened on
/// cannot be used any more; libzmq treats these as permanent errors and does not reconnect.
/// </summary>
public sealed class ZmtpProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The reason category.</param>
    /// <param name="message">A human-readable explanation.</param>
    public ZmtpProtocolException(ZmtpProtocolError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>The reason category.</summary>
    public ZmtpProtocolError Error { get; }

    internal static ZmtpProtocolException Create(ZmtpProtocolError error, string message) => new(error, message);
}
