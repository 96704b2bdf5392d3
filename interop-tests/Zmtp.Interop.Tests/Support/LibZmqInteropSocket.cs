using System.Diagnostics;
using Zmtp.Interop.Tests.Native;
using Zmtp.Interop.Tests.Sockets;

namespace Zmtp.Interop.Tests.Support;

/// <summary>
/// A libzmq socket as one end of a pair test. Calls are non-blocking (DONTWAIT, RCVTIMEO 0) and retried
/// with short asynchronous delays, so a test never parks a thread-pool thread inside libzmq while our
/// socket, on the same pool, is what it waits for.
/// </summary>
internal sealed class LibZmqInteropSocket(ZmqSocket socket, ZmtpSocketType type) : IInteropSocket
{
    // zmq.h values the shared Native/Zmq constants do not carry.
    private const int RouterMandatoryOption = 33;
    private const int EHostUnreach = 113;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(1);

    public string Name => $"libzmq {type.ToString().ToUpperInvariant()}";

    public void SetRoutingId(string id) => socket.SetOption(Zmq.RoutingId, id);

    public void SetRouterMandatory() => socket.SetOption(RouterMandatoryOption, 1);

    public void Subscribe(string prefix) => socket.Subscribe(prefix);

    public void Unsubscribe(string prefix) => socket.Unsubscribe(prefix);

    public string Bind(string endpoint) => socket.Bind(endpoint);

    public void Connect(string endpoint) => socket.Connect(endpoint);

    public async Task<bool> TrySendAsync(byte[][] frames)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (socket.TrySendMultipart(frames, Zmq.DontWait))
                {
                    return true;
                }
            }
            catch (ZmqException ex) when (ex.Error == EHostUnreach)
            {
                return false;
            }

            if (clock.Elapsed > InteropAssert.TestTimeout)
            {
                throw new TimeoutException($"{Name} could not send within {InteropAssert.TestTimeout.TotalSeconds} s.");
            }

            await Task.Delay(RetryDelay);
        }
    }

    // Reading ZMQ_EVENTS makes libzmq process its pending commands (pipe attach, subscription resend).
    public void Pump() => socket.GetInt(Zmq.Events);

    public async Task<byte[][]?> TryReceiveAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (socket.TryReceiveMultipart(timeoutMs: 0) is { } frames)
            {
                return frames;
            }

            if (clock.Elapsed > timeout)
            {
                return null;
            }

            await Task.Delay(RetryDelay);
        }
    }
}
