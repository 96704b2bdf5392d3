using Zmtp.Cli.Output;

namespace Zmtp.Cli.Tests;

public sealed class EventTextTests
{
    [Fact]
    public void Name_endpoint_and_value_are_tab_separated()
    {
        var line = EventText.Format(new SocketEvent(SocketEventType.ConnectRetried, "tcp://127.0.0.1:5555", 200));

        Assert.Equal("connect-retried\ttcp://127.0.0.1:5555\t200", line);
    }

    [Fact]
    public void Reason_is_a_fourth_field_on_one_line()
    {
        var line = EventText.Format(new SocketEvent(SocketEventType.Disconnected, "tcp://h:1", 0, "reset\tby\npeer"));

        Assert.Equal("disconnected\ttcp://h:1\t0\treset by peer", line);
    }

    [Theory]
    [InlineData(SocketEventType.Listening, "listening")]
    [InlineData(SocketEventType.Accepted, "accepted")]
    [InlineData(SocketEventType.ConnectDelayed, "connect-delayed")]
    [InlineData(SocketEventType.HandshakeSucceeded, "handshake-succeeded")]
    [InlineData(SocketEventType.HandshakeFailedProtocol, "handshake-failed-protocol")]
    public void Line_starts_with_the_event_name(SocketEventType type, string name) =>
        Assert.StartsWith(name + "\t", EventText.Format(new SocketEvent(type, "ipc:///tmp/x", 0, string.Empty)), StringComparison.Ordinal);
}
