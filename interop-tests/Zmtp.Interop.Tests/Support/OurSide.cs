namespace Zmtp.Interop.Tests.Support;

/// <summary>Which end of a socket pair (A, B) is our socket; libzmq plays the other end.</summary>
public enum OurSide
{
    /// <summary>Our socket is the pair's first type, libzmq the second.</summary>
    A,

    /// <summary>libzmq is the pair's first type, our socket the second.</summary>
    B,
}
