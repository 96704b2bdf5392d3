namespace Zmtp.Transport;

/// <summary>Why a connection ended; recorded once by the first cause.</summary>
internal enum ConnectionEndReason
{
    /// <summary>Still open.</summary>
    None,

    /// <summary>Both directions ended cleanly: the peer's end of stream and our drained, half-closed output.</summary>
    EndOfStream,

    /// <summary>The peer or the network reset the connection (or another socket error ended it).</summary>
    Reset,

    /// <summary><see cref="ZmtpConnection.Abort"/> was called, or the application completed Output with an error.</summary>
    Aborted,

    /// <summary>Disposed by the application: graceful close, or forced when the drain took too long.</summary>
    LocalClose,
}
