using Zmtp.Transport;

namespace Zmtp.Transport.Tests;

public sealed class EndpointParsingTests
{
    [Theory]
    [InlineData("tcp://*:*", TransportKind.Tcp, "*", 0, "")]
    [InlineData("tcp://*:0", TransportKind.Tcp, "*", 0, "")]
    [InlineData("tcp://127.0.0.1:5555", TransportKind.Tcp, "127.0.0.1", 5555, "")]
    [InlineData("tcp://[::1]:5555", TransportKind.Tcp, "::1", 5555, "")]
    [InlineData("tcp://[0:0::1]:5555", TransportKind.Tcp, "::1", 5555, "")]
    [InlineData("tcp://::1:5555", TransportKind.Tcp, "::1", 5555, "")]
    [InlineData("tcp://localhost:80", TransportKind.Tcp, "localhost", 80, "")]
    [InlineData("tcp://eth0:65535", TransportKind.Tcp, "eth0", 65535, "")]
    [InlineData("ipc:///tmp/x", TransportKind.Ipc, "", 0, "/tmp/x")]
    [InlineData("ipc://@abc", TransportKind.Ipc, "", 0, "@abc")]
    [InlineData("ipc://*", TransportKind.Ipc, "", 0, "*")]
    [InlineData("ipc://relative.sock", TransportKind.Ipc, "", 0, "relative.sock")]
    [InlineData("inproc://name", TransportKind.Inproc, "", 0, "name")]
    [InlineData("inproc://a:b/c", TransportKind.Inproc, "", 0, "a:b/c")]
    public void Parses_valid_endpoints(string text, TransportKind kind, string host, int port, string path)
    {
        ZmtpEndpoint endpoint = ZmtpEndpoint.Parse(text);

        Assert.Equal(kind, endpoint.Kind);
        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal(path, endpoint.Path);
        Assert.True(ZmtpEndpoint.TryParse(text, out ZmtpEndpoint? again, out string? error));
        Assert.Null(error);
        Assert.Equal(endpoint, again);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("127.0.0.1:5555", "no transport scheme")]
    [InlineData("://x:1", "no transport scheme")]
    [InlineData("udp://host:1", "unknown transport 'udp'")]
    [InlineData("TCP://host:1", "unknown transport 'TCP'")]
    [InlineData("tcp://localhost", "no port")]
    [InlineData("tcp://[::1]", "no port")]
    [InlineData("tcp://[::1]5555", "no port")]
    [InlineData("tcp://localhost:", "invalid port ''")]
    [InlineData("tcp://localhost:abc", "invalid port 'abc'")]
    [InlineData("tcp://localhost:65536", "invalid port '65536'")]
    [InlineData("tcp://localhost:-1", "invalid port '-1'")]
    [InlineData("tcp://localhost:123456", "invalid port '123456'")]
    [InlineData("tcp://:5555", "no host")]
    [InlineData("tcp://[::1:5555", "unterminated '['")]
    [InlineData("tcp://[1.2.3.4]:5555", "not an IPv6 address")]
    [InlineData("tcp://256.1.1.1:5555", "invalid IPv4 address '256.1.1.1'")]
    [InlineData("tcp://127.1:5555", "invalid IPv4 address '127.1'")]
    [InlineData("tcp://1::2::3:5555", "invalid IPv6 address")]
    [InlineData("tcp://bad host:5555", "invalid host name 'bad host'")]
    [InlineData("tcp://a..b:5555", "invalid host name")]
    [InlineData("tcp://h;1.2.3.4:5555", "invalid host name")]
    [InlineData("ipc://", "no path")]
    [InlineData("ipc://@", "empty abstract socket name")]
    [InlineData("inproc://", "no name")]
    public void Rejects_invalid_endpoints_with_a_message_naming_the_problem(string text, string expected)
    {
        Assert.False(ZmtpEndpoint.TryParse(text, out ZmtpEndpoint? endpoint, out string? error));
        Assert.Null(endpoint);
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);

        var thrown = Assert.Throws<FormatException>(() => ZmtpEndpoint.Parse(text));
        Assert.Equal(error, thrown.Message);
    }

    [Fact]
    public void Rejects_ipc_paths_longer_than_sun_path()
    {
        string text = "ipc:///tmp/" + new string('a', 103);

        var thrown = Assert.Throws<FormatException>(() => ZmtpEndpoint.Parse(text));

        Assert.Contains("longer than 107 bytes", thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tcp://*:*", "tcp://*:*")]
    [InlineData("tcp://*:0", "tcp://*:*")]
    [InlineData("tcp://127.0.0.1:0", "tcp://127.0.0.1:*")]
    [InlineData("tcp://127.0.0.1:5555", "tcp://127.0.0.1:5555")]
    [InlineData("tcp://[::1]:5555", "tcp://[::1]:5555")]
    [InlineData("tcp://::1:5555", "tcp://[::1]:5555")]
    [InlineData("tcp://[0:0:0:0:0:0:0:1]:7", "tcp://[::1]:7")]
    [InlineData("tcp://localhost:80", "tcp://localhost:80")]
    [InlineData("ipc:///tmp/x", "ipc:///tmp/x")]
    [InlineData("ipc://@abc", "ipc://@abc")]
    [InlineData("inproc://name", "inproc://name")]
    public void ToString_is_canonical_and_round_trips(string text, string canonical)
    {
        ZmtpEndpoint endpoint = ZmtpEndpoint.Parse(text);

        Assert.Equal(canonical, endpoint.ToString());
        Assert.Equal(endpoint, ZmtpEndpoint.Parse(endpoint.ToString()));
        Assert.Equal(canonical, ZmtpEndpoint.Parse(canonical).ToString());
    }

    [Fact]
    public void Equality_ignores_host_case_but_not_path_case()
    {
        Assert.Equal(ZmtpEndpoint.Parse("tcp://LocalHost:1"), ZmtpEndpoint.Parse("tcp://localhost:1"));
        Assert.Equal(ZmtpEndpoint.Parse("tcp://LocalHost:1").GetHashCode(), ZmtpEndpoint.Parse("tcp://localhost:1").GetHashCode());
        Assert.NotEqual(ZmtpEndpoint.Parse("ipc:///tmp/A"), ZmtpEndpoint.Parse("ipc:///tmp/a"));
        Assert.NotEqual(ZmtpEndpoint.Parse("tcp://localhost:1"), ZmtpEndpoint.Parse("tcp://localhost:2"));
        Assert.NotEqual(ZmtpEndpoint.Parse("inproc://x"), ZmtpEndpoint.Parse("ipc://x"));
        Assert.False(ZmtpEndpoint.Parse("inproc://x").Equals(null));
    }
}
