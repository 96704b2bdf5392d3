namespace Zmtp.Interop.Tests.Support;

/// <summary>Whether our socket binds (libzmq connects) or connects (libzmq binds).</summary>
public enum OurRole
{
    /// <summary>Our socket binds; the libzmq socket connects to the endpoint it resolved.</summary>
    Binds,

    /// <summary>The libzmq socket binds; our socket connects.</summary>
    Connects,
}
