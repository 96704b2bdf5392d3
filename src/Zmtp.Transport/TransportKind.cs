namespace Zmtp.Transport;

/// <summary>The transport named by an endpoint's scheme.</summary>
public enum TransportKind
{
    /// <summary><c>tcp://host:port</c>: a TCP connection.</summary>
    Tcp,

    /// <summary><c>ipc://path</c>: a Unix domain stream socket (a file path, or <c>@name</c> for the abstract namespace).</summary>
    Ipc,

    /// <summary><c>inproc://name</c>: in-process; handled by the sockets layer, never by this transport.</summary>
    Inproc,
}
