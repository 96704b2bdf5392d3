namespace Zmtp.Interop.Tests.Support;

/// <summary>
/// One end of a pair test, ours or libzmq's, behind the same small surface so each pattern's scenario is
/// written once and run with our socket on either end. Every wait is bounded and fails loudly.
/// </summary>
internal interface IInteropSocket
{
    /// <summary>"our DEALER" or "libzmq DEALER", for failure messages.</summary>
    string Name { get; }

    /// <summary>Sets ROUTING_ID; call before bind/connect.</summary>
    void SetRoutingId(string id);

    /// <summary>Sets ROUTER_MANDATORY, so a send to an unknown routing id fails instead of being dropped.</summary>
    void SetRouterMandatory();

    /// <summary>SUB only: subscribes to a prefix.</summary>
    void Subscribe(string prefix);

    /// <summary>SUB only: drops a subscription.</summary>
    void Unsubscribe(string prefix);

    /// <summary>Binds and returns the resolved endpoint.</summary>
    string Bind(string endpoint);

    /// <summary>Connects (in the background for both implementations).</summary>
    void Connect(string endpoint);

    /// <summary>Sends one message; false if a ROUTER_MANDATORY router does not know the addressed peer yet.
    /// Throws <see cref="TimeoutException"/> if the message could not be queued in time.</summary>
    Task<bool> TrySendAsync(byte[][] frames);

    /// <summary>
    /// Lets the socket do background work that needs its owner's thread. libzmq attaches an accepted
    /// connection, and sends a SUB's or XSUB's subscriptions on it, only when the application next calls into
    /// that socket; a test waiting on the other end must keep calling in, as any libzmq application would.
    /// </summary>
    void Pump();

    /// <summary>Receives one message, or null if none arrives within <paramref name="timeout"/>.</summary>
    Task<byte[][]?> TryReceiveAsync(TimeSpan timeout);
}
