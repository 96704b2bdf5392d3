using System.Diagnostics;
using System.Text;
using Zmtp.Interop.Tests.Sockets;

namespace Zmtp.Interop.Tests.Support;

/// <summary>Our socket as one end of a pair test.</summary>
internal sealed class OurInteropSocket(ZmtpSocket socket) : IInteropSocket
{
    /// <summary>How long one receive waits before the libzmq counterpart is pumped again.</summary>
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(5);

    /// <summary>The libzmq end of the pair, pumped while this socket waits for it.</summary>
    public IInteropSocket? Counterpart { get; set; }

    public string Name => $"our {socket.SocketType}";

    public void SetRoutingId(string id) => socket.Options.RoutingId = Encoding.UTF8.GetBytes(id);

    public void SetRouterMandatory() => socket.Options.RouterMandatory = true;

    public void Subscribe(string prefix) => AsSub().Subscribe(prefix);

    public void Unsubscribe(string prefix) => AsSub().Unsubscribe(prefix);

    public string Bind(string endpoint) => socket.Bind(endpoint);

    public void Connect(string endpoint) => socket.Connect(endpoint);

    public async Task<bool> TrySendAsync(byte[][] frames)
    {
        try
        {
            await socket.SendWithinAsync(new Message(frames));
            return true;
        }
        catch (ZmtpException ex) when (ex.Error == ZmtpError.HostUnreachable)
        {
            return false;
        }
    }

    // Our own work needs no pumping.
    public void Pump()
    {
    }

    public async Task<byte[][]?> TryReceiveAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Counterpart?.Pump();

            // A cancelled receive consumes nothing, so waiting in slices loses no message.
            using var cts = new CancellationTokenSource(Slice);
            try
            {
                using var message = await socket.ReceiveAsync(cts.Token);
                return message.ToArrays();
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                if (clock.Elapsed > timeout)
                {
                    return null;
                }
            }
        }
    }

    private SubSocket AsSub() =>
        socket as SubSocket ?? throw new InvalidOperationException($"{Name} has no Subscribe; only SUB does.");
}
