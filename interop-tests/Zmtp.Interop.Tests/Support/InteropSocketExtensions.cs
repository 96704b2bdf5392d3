using System.Diagnostics;
using System.Text;
using Zmtp.Interop.Tests.Sockets;

namespace Zmtp.Interop.Tests.Support;

/// <summary>Text-frame conveniences and bounded retry loops over <see cref="IInteropSocket"/>.</summary>
internal static class InteropSocketExtensions
{
    private static readonly TimeSpan RoutableRetry = TimeSpan.FromMilliseconds(5);

    /// <summary>Sends a message of text frames; routing failures are test failures here.</summary>
    public static Task SendAsync(this IInteropSocket socket, params string[] frames) =>
        socket.SendAsync(InteropAssert.Bytes(frames));

    /// <summary>Sends a message; routing failures are test failures here.</summary>
    public static async Task SendAsync(this IInteropSocket socket, params byte[][] frames) =>
        Assert.True(await socket.TrySendAsync(frames), $"{socket.Name} could not route the message (host unreachable).");

    /// <summary>Receives one message or throws <see cref="TimeoutException"/>.</summary>
    public static async Task<byte[][]> ReceiveAsync(this IInteropSocket socket) =>
        await socket.TryReceiveAsync(InteropAssert.TestTimeout)
        ?? throw new TimeoutException($"{socket.Name} received nothing within {InteropAssert.TestTimeout.TotalSeconds} s.");

    /// <summary>Receives one message as text frames.</summary>
    public static async Task<string[]> ReceiveStringsAsync(this IInteropSocket socket) =>
        InteropAssert.Strings(await socket.ReceiveAsync());

    /// <summary>
    /// ROUTER_MANDATORY send that retries while the addressed peer is unknown (its handshake has not
    /// finished), bounded by the test timeout.
    /// </summary>
    public static async Task SendWhenRoutableAsync(this IInteropSocket router, params byte[][] frames)
    {
        var clock = Stopwatch.StartNew();
        while (!await router.TrySendAsync(frames))
        {
            if (clock.Elapsed > InteropAssert.TestTimeout)
            {
                throw new TimeoutException(
                    $"{router.Name} never learnt the peer '{Encoding.UTF8.GetString(frames[0])}' within {InteropAssert.TestTimeout.TotalSeconds} s.");
            }

            await Task.Delay(RoutableRetry);
        }
    }

    /// <summary>An XPUB/XSUB subscription message: 0x01 (subscribe) or 0x00 (unsubscribe), then the prefix.</summary>
    public static string Subscription(bool subscribe, string topic) => (subscribe ? "\u0001" : "\u0000") + topic;
}
