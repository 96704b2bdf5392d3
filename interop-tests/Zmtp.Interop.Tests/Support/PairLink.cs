using Zmtp.Interop.Tests.Native;
using Zmtp.Interop.Tests.Sockets;

namespace Zmtp.Interop.Tests.Support;

/// <summary>
/// Two connected sockets of types (A, B), one ours and one libzmq's, placed per <see cref="OurSide"/>,
/// <see cref="OurRole"/> and <see cref="TransportCase"/>. Disposing closes both and removes any socket file.
/// </summary>
internal sealed class PairLink : IAsyncDisposable
{
    private readonly ZmqContext _context;
    private readonly ZmtpSocket _ours;
    private readonly string? _socketFile;

    private PairLink(ZmqContext context, ZmtpSocket ours, IInteropSocket a, IInteropSocket b, string? socketFile)
    {
        _context = context;
        _ours = ours;
        A = a;
        B = b;
        _socketFile = socketFile;
    }

    /// <summary>The end of the pair's first type.</summary>
    public IInteropSocket A { get; }

    /// <summary>The end of the pair's second type.</summary>
    public IInteropSocket B { get; }

    /// <summary>
    /// Creates both sockets, lets <paramref name="configureA"/>/<paramref name="configureB"/> set options,
    /// then binds one and connects the other to the endpoint the binder resolved.
    /// </summary>
    public static async Task<PairLink> OpenAsync(
        ZmtpSocketType typeA,
        ZmtpSocketType typeB,
        OurSide side,
        OurRole role,
        TransportCase transport,
        Action<IInteropSocket>? configureA = null,
        Action<IInteropSocket>? configureB = null)
    {
        var context = new ZmqContext();
        var ourType = side == OurSide.A ? typeA : typeB;
        var libType = side == OurSide.A ? typeB : typeA;
        var ours = ZmtpSocket.Create(ourType).Quick();
        IInteropSocket libEnd = new LibZmqInteropSocket(context.Socket((int)libType), libType);
        IInteropSocket ourEnd = new OurInteropSocket(ours) { Counterpart = libEnd };
        var (a, b) = side == OurSide.A ? (ourEnd, libEnd) : (libEnd, ourEnd);
        var (endpoint, socketFile) = NewEndpoint(transport);
        var link = new PairLink(context, ours, a, b, socketFile);
        try
        {
            configureA?.Invoke(a);
            configureB?.Invoke(b);
            var (binder, connector) = role == OurRole.Binds ? (ourEnd, libEnd) : (libEnd, ourEnd);
            connector.Connect(binder.Bind(endpoint));
            return link;
        }
        catch
        {
            await link.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _ours.DisposeAsync();
        _context.Dispose();
        if (_socketFile is not null)
        {
            File.Delete(_socketFile);
        }
    }

    private static (string Endpoint, string? SocketFile) NewEndpoint(TransportCase transport)
    {
        var name = $"zmtp-interop-{Guid.NewGuid():N}";
        switch (transport)
        {
            case TransportCase.Tcp:
                return ("tcp://127.0.0.1:*", null);
            case TransportCase.IpcAbstract:
                return ($"ipc://@{name}", null);
            case TransportCase.IpcFile:
                var file = Path.Combine(Path.GetTempPath(), name + ".sock");
                return ($"ipc://{file}", file);
            default:
                throw new ArgumentOutOfRangeException(nameof(transport), transport, null);
        }
    }
}
