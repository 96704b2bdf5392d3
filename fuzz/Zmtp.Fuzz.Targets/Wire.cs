using System.Buffers;
using Zmtp.Protocol;

namespace Zmtp.Fuzz;

/// <summary>Well-formed peer bytes, built with the library's writers and checked against libzmq's golden bytes in the unit tests.</summary>
public static class Wire
{
    /// <summary>A libzmq 4.3 greeting: ZMTP 3.1, NULL, as-server 0 (libzmq sets padding octet 8 to 1).</summary>
    public static byte[] LibzmqGreeting { get; } = BuildLibzmqGreeting();

    /// <summary>A READY with the given Socket-Type (and an empty Identity for REQ, DEALER and ROUTER, as libzmq sends).</summary>
    /// <param name="type">The peer's socket type.</param>
    /// <returns>The whole command frame.</returns>
    public static byte[] Ready(ZmtpSocketType type) => Build(o =>
    {
        var properties = new List<KeyValuePair<string, ReadOnlyMemory<byte>>>
        {
            new(ZmtpMetadata.SocketTypeName, System.Text.Encoding.ASCII.GetBytes(ZmtpSocketTypes.GetName(type))),
        };
        if (ZmtpSocketTypes.SendsIdentity(type))
        {
            properties.Add(new(ZmtpMetadata.IdentityName, ReadOnlyMemory<byte>.Empty));
        }

        ZmtpCommandWriter.WriteReady(o, properties);
    });

    /// <summary>Greeting then READY: what a libzmq peer of <paramref name="type"/> sends first.</summary>
    /// <param name="type">The peer's socket type.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Handshake(ZmtpSocketType type) => [.. LibzmqGreeting, .. Ready(type)];

    /// <summary>Runs a writer into a fresh buffer.</summary>
    /// <param name="write">What to write.</param>
    /// <returns>The bytes written.</returns>
    public static byte[] Build(Action<IBufferWriter<byte>> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] BuildLibzmqGreeting()
    {
        var greeting = Build(o => ZmtpGreeting.Write(o, "NULL", asServer: false));
        greeting[8] = 1;
        return greeting;
    }
}
