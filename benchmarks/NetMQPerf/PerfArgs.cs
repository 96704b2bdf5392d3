namespace NetMQPerf;

/// <summary>One role's command line: <c>ROLE ENDPOINT COUNT SIZE [--subscribers N]</c> or <c>ROLE COUNT SIZE</c> for inproc roles.</summary>
internal sealed record PerfArgs(string Role, string Address, bool Bind, int Count, int Size, int Subscribers);
