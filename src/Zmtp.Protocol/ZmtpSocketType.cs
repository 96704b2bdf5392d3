namespace Zmtp;

/// <summary>
/// The ZeroMQ socket types, numbered as libzmq numbers them (ZMQ_PAIR = 0 … ZMQ_XSUB = 10).
/// </summary>
public enum ZmtpSocketType
{
    /// <summary>Exclusive pair (RFC 31).</summary>
    Pair = 0,

    /// <summary>Publisher (RFC 29).</summary>
    Pub = 1,

    /// <summary>Subscriber (RFC 29).</summary>
    Sub = 2,

    /// <summary>Requester (RFC 28).</summary>
    Req = 3,

    /// <summary>Replier (RFC 28).</summary>
    Rep = 4,

    /// <summary>Asynchronous requester (RFC 28).</summary>
    Dealer = 5,

    /// <summary>Asynchronous replier with routing ids (RFC 28).</summary>
    Router = 6,

    /// <summary>Pipeline receiver (RFC 30).</summary>
    Pull = 7,

    /// <summary>Pipeline sender (RFC 30).</summary>
    Push = 8,

    /// <summary>Publisher that sees subscriptions (RFC 29).</summary>
    XPub = 9,

    /// <summary>Subscriber that sends subscriptions as messages (RFC 29).</summary>
    XSub = 10,
}
