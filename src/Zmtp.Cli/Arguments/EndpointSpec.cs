namespace Zmtp.Cli.Arguments;

/// <summary>One endpoint from the command line: the address and whether to bind or connect it.</summary>
/// <param name="Bind">True for <c>@endpoint</c> (bind), false for <c>&gt;endpoint</c> (connect).</param>
/// <param name="Address">The endpoint without its prefix, e.g. <c>tcp://127.0.0.1:5555</c>.</param>
internal sealed record EndpointSpec(bool Bind, string Address)
{
    public override string ToString() => (Bind ? "@" : ">") + Address;
}
