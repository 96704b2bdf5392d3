namespace Zmtp.Interop.Tests.Native;

/// <summary>libzmq constants used by the tests (values from zmq.h / socket-semantics.md 1.5).</summary>
internal static class Zmq
{
    // Socket types.
    internal const int Pair = 0;
    internal const int Pub = 1;
    internal const int Sub = 2;
    internal const int Req = 3;
    internal const int Rep = 4;
    internal const int Dealer = 5;
    internal const int Router = 6;
    internal const int Pull = 7;
    internal const int Push = 8;
    internal const int XPub = 9;
    internal const int XSub = 10;

    // Socket options.
    internal const int RoutingId = 5;
    internal const int Subscribe = 6;
    internal const int Unsubscribe = 7;
    internal const int RcvMore = 13;
    internal const int Events = 15;
    internal const int Linger = 17;
    internal const int SndHwm = 23;
    internal const int RcvHwm = 24;
    internal const int RcvTimeo = 27;
    internal const int SndTimeo = 28;
    internal const int LastEndpoint = 32;

    // Send/receive flags.
    internal const int DontWait = 1;
    internal const int SndMore = 2;

    // errno values (Linux).
    internal const int EAgain = 11;
    internal const int EIntr = 4;
}
