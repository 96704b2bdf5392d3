namespace Zmtp.Sockets.Tests.Support;

/// <summary>
/// One transport under test ("tcp", "ipc" or "inproc") with a fresh context: every socket of a test is made
/// in it, so inproc names are private to the test and disposing the case closes everything.
/// </summary>
internal sealed class TransportCase : IAsyncDisposable
{
    private TransportCase(string transport)
    {
        Name = transport;
        Context = new ZmtpContext();
    }

    public string Name { get; }

    public ZmtpContext Context { get; }

    /// <summary>True for transports with real connections (monitor events, connection drops).</summary>
    public bool IsNetwork => Name != "inproc";

    public static TransportCase Create(string transport) => transport switch
    {
        "tcp" or "ipc" or "inproc" => new TransportCase(transport),
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "Unknown transport."),
    };

    /// <summary>Makes a socket in this case's context, with zero linger so closing never waits.</summary>
    public T Open<T>(Func<ZmtpContext, T> create)
        where T : ZmtpSocket => create(Context).NoLinger();

    /// <summary>Binds to a fresh endpoint of this transport and returns the resolved one.</summary>
    public string Bind(ZmtpSocket socket) => socket.Bind(Name switch
    {
        "tcp" => Net.AnyPort,
        _ => FreshEndpoint(),
    });

    /// <summary>An endpoint nothing is bound to yet, for connect-before-bind (tcp: a port free a moment ago).</summary>
    public string FreshEndpoint() => Name switch
    {
        "tcp" => Net.UnusedEndpoint(),
        "ipc" => $"ipc://@zmtp-test-{Guid.NewGuid():N}",
        _ => $"inproc://zmtp-test-{Guid.NewGuid():N}",
    };

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
