using System.Buffers;
using System.Text;
using Zmtp.Protocol;

namespace Zmtp.Fuzz;

/// <summary>
/// The seed corpus, built from the library's own writers (and a few hand-made edge cases), so the committed
/// files under <c>fuzz/corpus</c> can be regenerated and reviewed as code: <c>Zmtp.Fuzz --seed fuzz/corpus</c>.
/// </summary>
internal static class SeedCorpus
{
    public static int Write(string root)
    {
        var count = 0;
        foreach (var (target, files) in Build())
        {
            var folder = Path.Combine(root, target);
            Directory.CreateDirectory(folder);
            foreach (var (name, bytes) in files)
            {
                File.WriteAllBytes(Path.Combine(folder, name), bytes);
                count++;
            }
        }

        return count;
    }

    private static Dictionary<string, List<(string Name, byte[] Bytes)>> Build() => new()
    {
        ["greeting"] = Greetings(),
        ["command"] = Commands(),
        ["metadata"] = Metadata(),
        ["session"] = Traffic(),
        ["handshake"] = Streams(),
        ["socket"] = Streams(),
        ["endpoint"] = Lines(
            "tcp-ipv4", "tcp://127.0.0.1:5555",
            "tcp-ipv6-any-port", "tcp://[::1]:*",
            "tcp-all-interfaces", "tcp://*:5555",
            "tcp-host-name", "tcp://localhost:0",
            "tcp-source", "tcp://127.0.0.1:5556;127.0.0.1:5555",
            "ipc-path", "ipc:///tmp/x",
            "ipc-abstract", "ipc://@abstract",
            "ipc-wildcard", "ipc://*",
            "inproc", "inproc://name",
            "bad-scheme", "udp://127.0.0.1:5555",
            "bad-port", "tcp://127.0.0.1:65536"),
        ["options"] = Lines(
            "sndhwm", "SNDHWM=10",
            "rcvhwm-zero", "RCVHWM=0",
            "linger-infinite", "ZMQ_LINGER=-1",
            "routing-id-text", "ROUTING_ID=abc",
            "routing-id-hex", "routing_id=0x414243",
            "subscribe", "SUBSCRIBE=topic",
            "subscribe-hex", "SUBSCRIBE=0x0102",
            "unsubscribe-all", "UNSUBSCRIBE=",
            "switch", "IPV6=1",
            "heartbeat", "HEARTBEAT_IVL=100\nHEARTBEAT_TTL=300\nHEARTBEAT_TIMEOUT=200",
            "maxmsgsize", "MAXMSGSIZE=-1",
            "keepalive", "TCP_KEEPALIVE=1\nTCP_KEEPALIVE_IDLE=60",
            "read-only", "TYPE=1",
            "unknown", "NO_SUCH_OPTION=1",
            "several", "SNDHWM=5\nRCVHWM=7\nLINGER=0\nXPUB_VERBOSE=1\nROUTER_MANDATORY=1\nCONFLATE=0"),
    };

    private static List<(string, byte[])> Greetings()
    {
        var ours = Wire.Build(o => ZmtpGreeting.Write(o, "NULL", asServer: false));
        return
        [
            ("zmtp31-null", ours),
            ("zmtp31-null-libzmq", Wire.LibzmqGreeting),
            ("zmtp30-null", With(ours, (11, 0))),
            ("zmtp40-null", With(ours, (10, 4), (11, 0))),
            ("zmtp31-plain", Wire.Build(o => ZmtpGreeting.Write(o, "PLAIN", asServer: false))),
            ("zmtp31-plain-server", Wire.Build(o => ZmtpGreeting.Write(o, "PLAIN", asServer: true))),
            ("zmtp31-curve", Wire.Build(o => ZmtpGreeting.Write(o, "CURVE", asServer: true))),
            ("zmtp31-null-then-ready", Wire.Handshake(ZmtpSocketType.Push)),
            ("signature-only", ours[..10]),
            ("zmtp20", With(ours, (10, 1))),
            ("zmtp10-signature", With(ours[..10], (9, 0x7E))),
        ];
    }

    private static List<(string, byte[])> Commands() =>
    [
        ("ready-push", Body(Wire.Ready(ZmtpSocketType.Push))),
        ("ready-dealer", Body(Wire.Ready(ZmtpSocketType.Dealer))),
        ("ready-router-identity", Body(Ready(("Socket-Type", "ROUTER"), ("Identity", "abc")))),
        ("ready-sub-app-property", Body(Ready(("Socket-Type", "SUB"), ("X-Hello", "World")))),
        ("ping-ttl-context", Body(Wire.Build(o => ZmtpCommandWriter.WritePing(o, 10, "ctx"u8)))),
        ("ping-no-context", Body(Wire.Build(o => ZmtpCommandWriter.WritePing(o, 0, [])))),
        ("ping-long-context", Body(Wire.Build(o => ZmtpCommandWriter.WriteCommand(o, "PING"u8, [0, 0, .. Enumerable.Repeat((byte)'z', 40)])))),
        ("pong-context", Body(Wire.Build(o => ZmtpCommandWriter.WritePong(o, "ctx"u8)))),
        ("subscribe-topic", Body(Wire.Build(o => ZmtpCommandWriter.WriteSubscribe(o, "weather"u8)))),
        ("subscribe-all", Body(Wire.Build(o => ZmtpCommandWriter.WriteSubscribe(o, [])))),
        ("cancel-topic", Body(Wire.Build(o => ZmtpCommandWriter.WriteCancel(o, "weather"u8)))),
        ("error-reason", Body(Wire.Build(o => ZmtpCommandWriter.WriteError(o, "invalid socket type")))),
        ("hello-plain", Body(Wire.Build(o => ZmtpCommandWriter.WriteCommand(o, "HELLO"u8, "\u0005admin\u0006secret"u8)))),
        ("initiate-metadata", Body(Wire.Build(o => ZmtpCommandWriter.WriteMetadataCommand(o, "INITIATE"u8, Properties(("Socket-Type", "DEALER")))))),
        ("unknown", Body(Wire.Build(o => ZmtpCommandWriter.WriteCommand(o, "FOO"u8, "bar"u8)))),
    ];

    private static List<(string, byte[])> Metadata() =>
    [
        ("socket-type", Body(Wire.Ready(ZmtpSocketType.Pull))[6..]),
        ("identity-and-property", Encode(("Socket-Type", "DEALER"), ("Identity", "id-1"), ("X-Hello", "World"))),
        ("empty", []),
        ("empty-value", Encode(("X-Empty", ""))),
        ("duplicate-name-other-case", Encode(("Socket-Type", "PUSH"), ("socket-type", "PULL"))),
        ("long-value", Encode(("X-Long", new string('v', 300)))),
    ];

    // Peer traffic after the handshake (what the session target appends to a good greeting and READY).
    private static List<(string, byte[])> Traffic() =>
    [
        ("message-short", Frames((false, "hello"u8.ToArray()))),
        ("message-multipart", Frames((true, "A"u8.ToArray()), (true, []), (false, "body"u8.ToArray()))),
        ("message-empty", Frames((false, []))),
        ("message-255-256", Frames((true, new byte[255]), (false, new byte[256]))),
        ("message-long-4096", Frames((false, Pattern(4096)))),
        ("commands-between-messages", [
            .. Frames((false, "1"u8.ToArray())),
            .. Wire.Build(o => ZmtpCommandWriter.WritePing(o, 10, "ctx"u8)),
            .. Wire.Build(o => ZmtpCommandWriter.WriteSubscribe(o, "topic"u8)),
            .. Wire.Build(o => ZmtpCommandWriter.WriteCancel(o, "topic"u8)),
            .. Wire.Build(o => ZmtpCommandWriter.WritePong(o, "ctx"u8)),
            .. Frames((false, "2"u8.ToArray())),
        ]),
        ("unknown-command-and-late-ready", [
            .. Wire.Build(o => ZmtpCommandWriter.WriteCommand(o, "FOO"u8, [])),
            .. Wire.Ready(ZmtpSocketType.Push),
            .. Frames((false, "B"u8.ToArray())),
        ]),
        ("error", Wire.Build(o => ZmtpCommandWriter.WriteError(o, "400"))),
        ("command-inside-message", [.. Frames((true, "A"u8.ToArray())), .. Wire.Build(o => ZmtpCommandWriter.WritePing(o, 0, [])), .. Frames((false, "B"u8.ToArray()))]),
        ("truncated-long-frame", [.. Frames((false, "x"u8.ToArray())), 0x02, 0, 0, 0, 0, 0, 0, 0x10, 0, 1, 2, 3]),
        ("command-with-more-flag", [0x05, 0x05, 0x04, (byte)'P', (byte)'I', (byte)'N', (byte)'G']),
    ];

    // Whole peer streams from the first octet (the handshake and socket targets).
    private static List<(string, byte[])> Streams()
    {
        var message = Frames((true, "A"u8.ToArray()), (false, "hello"u8.ToArray()));
        var zmtp30 = With(Wire.LibzmqGreeting, (11, 0));
        return
        [
            ("push-then-message", [.. Wire.Handshake(ZmtpSocketType.Push), .. message]),
            ("zmtp30-push-then-message", [.. zmtp30, .. Wire.Ready(ZmtpSocketType.Push), .. message]),
            ("push-with-property-then-ping", [
                .. Wire.LibzmqGreeting,
                .. Ready(("Socket-Type", "PUSH"), ("X-Hello", "World")),
                .. Wire.Build(o => ZmtpCommandWriter.WritePing(o, 10, "ctx"u8)),
                .. message,
            ]),
            ("ready-without-socket-type", [.. Wire.LibzmqGreeting, .. Ready(), .. message]),
            ("incompatible-pub", Wire.Handshake(ZmtpSocketType.Pub)),
            ("mechanism-plain", Wire.Build(o => ZmtpGreeting.Write(o, "PLAIN", asServer: false))),
            ("error-instead-of-ready", [.. Wire.LibzmqGreeting, .. Wire.Build(o => ZmtpCommandWriter.WriteError(o, "no"))]),
            ("message-before-ready", [.. Wire.LibzmqGreeting, .. message]),
            ("greeting-only", Wire.LibzmqGreeting),
            ("not-zmtp", "GET / HTTP/1.1\r\n\r\n"u8.ToArray()),
        ];
    }

    private static List<(string, byte[])> Lines(params string[] pairs) =>
        [.. pairs.Chunk(2).Select(p => (p[0], Encoding.UTF8.GetBytes(p[1])))];

    private static byte[] Ready(params (string Name, string Value)[] properties) =>
        Wire.Build(o => ZmtpCommandWriter.WriteReady(o, Properties(properties)));

    private static List<KeyValuePair<string, ReadOnlyMemory<byte>>> Properties(params (string Name, string Value)[] properties) =>
        [.. properties.Select(p => new KeyValuePair<string, ReadOnlyMemory<byte>>(p.Name, Encoding.ASCII.GetBytes(p.Value)))];

    private static byte[] Encode(params (string Name, string Value)[] properties)
    {
        var list = Properties(properties);
        var bytes = new byte[ZmtpMetadata.GetEncodedLength(list)];
        ZmtpMetadata.Write(bytes, list);
        return bytes;
    }

    private static byte[] Frames(params (bool More, byte[] Body)[] frames) => Wire.Build(o =>
    {
        foreach (var (more, body) in frames)
        {
            ZmtpFrameWriter.WriteFrame(o, more ? ZmtpFrameFlags.More : ZmtpFrameFlags.None, body);
        }
    });

    // The body of one whole command frame (header removed).
    private static byte[] Body(byte[] frame)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(frame));
        if (!ZmtpFrameHeader.TryParse(ref reader, -1, out _))
        {
            throw new InvalidOperationException("Not a whole frame.");
        }

        return reader.UnreadSequence.ToArray();
    }

    private static byte[] With(byte[] bytes, params (int Offset, byte Value)[] changes)
    {
        var copy = (byte[])bytes.Clone();
        foreach (var (offset, value) in changes)
        {
            copy[offset] = value;
        }

        return copy;
    }

    private static byte[] Pattern(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 31))];
}
