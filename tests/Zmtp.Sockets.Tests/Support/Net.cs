using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zmtp.Sockets.Tests.Support;

/// <summary>Endpoint, socket and frame helpers shared by the tests.</summary>
internal static class Net
{
    public const string AnyPort = "tcp://127.0.0.1:*";

    /// <summary>Binds to an OS-chosen loopback port and returns the resolved endpoint.</summary>
    public static string BindLocal(this ZmtpSocket socket) => socket.Bind(AnyPort);

    /// <summary>Sets a zero linger so closing does not wait; returns the socket for chaining.</summary>
    public static T NoLinger<T>(this T socket)
        where T : ZmtpSocket
    {
        socket.Options.Linger = TimeSpan.Zero;
        return socket;
    }

    /// <summary>A loopback endpoint on which nothing listens (the port was free a moment ago).</summary>
    public static string UnusedEndpoint()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"tcp://127.0.0.1:{port}";
    }

    public static string[] Text(this Message message) =>
        [.. message.Select(frame => Encoding.UTF8.GetString(frame.Span))];

    public static Message Msg(params string[] frames) => Message.FromStrings(frames);
}
