using System.Buffers;
using CsCheck;
using Zmtp.Protocol.Tests.Support;

namespace Zmtp.Protocol.Tests.Properties;

/// <summary>
/// Random invalid input (random bytes, valid traffic with random damage) makes the parsers raise
/// <see cref="ZmtpProtocolException"/> or end cleanly, and nothing else: no other exception type, no hang
/// (each session case is bounded by <see cref="SessionDriver.CaseLimit"/>).
/// </summary>
public sealed class InvalidInputProperties
{
    private static readonly Gen<byte[]> RandomBytes = Gen.Frequency(
        (3, Gen.Byte.Array[0, 64]),
        (2, Gen.Byte.Array[0, 600]),
        // Bytes that look like frame headers: flags 0-7 (MORE/LONG/COMMAND) more often than chance.
        (2, Gen.Frequency((3, Gen.Byte[0, 7]), (1, Gen.Byte)).Array[0, 200]));

    /// <summary>A damage to a valid stream: what, where (a fraction of the length), with which octet.</summary>
    private enum Damage
    {
        Flip,
        Replace,
        Insert,
        Delete,
        Truncate,
    }

    private static readonly Gen<(Damage Kind, double Where, byte Octet)> OneDamage =
        Gen.Select(Gen.Enum<Damage>(), Gen.Double[0, 1], Gen.Byte);

    private static readonly Gen<(WireItem[] Items, (Damage, double, byte)[] Damages, int[] Chunks)> DamagedStream =
        Gen.Select(WireModel.Stream, OneDamage.Array[1, 4], WireModel.Chunks);

    [Fact]
    public async Task Session_RandomBytesAfterHandshake_ProtocolErrorOrClosed()
    {
        await Gen.Select(RandomBytes, WireModel.Chunks).SampleAsync(async (bytes, chunks) =>
        {
            // AfterHandshakeAsync lets only ZmtpProtocolException out of the session; anything else fails here.
            await SessionDriver.AfterHandshakeAsync(WireModel.Cut(bytes, chunks));
        }, print: c => Convert.ToHexString(c.Item1));
    }

    [Fact]
    public async Task Session_DamagedValidStream_ProtocolErrorOrClosed()
    {
        await DamagedStream.SampleAsync(async c =>
        {
            var wire = Apply(WireModel.Encode(c.Items), c.Damages);
            await SessionDriver.AfterHandshakeAsync(WireModel.Cut(wire, c.Chunks));
        }, print: c => $"{WireModel.Describe(c.Items)} | {string.Join(",", c.Damages)}");
    }

    [Fact]
    public async Task Session_DamagedValidStreamUnderFrameLimit_ProtocolErrorOrClosed()
    {
        await DamagedStream.SampleAsync(async c =>
        {
            var wire = Apply(WireModel.Encode(c.Items), c.Damages);
            var outcome = await SessionDriver.AfterHandshakeAsync(WireModel.Cut(wire, c.Chunks), maxMessageSize: 1024);
            Assert.All(outcome.Items.OfType<MessageItem>().SelectMany(m => m.Frames), f => Assert.InRange(f.Length, 0, 1024));
        }, print: c => $"{WireModel.Describe(c.Items)} | {string.Join(",", c.Damages)}");
    }

    [Fact]
    public async Task Handshake_RandomOrDamagedPeerStream_OnlyDocumentedExceptions()
    {
        var greetingThenRandom = Gen.Select(Gen.Bool, Gen.Bool, RandomBytes, OneDamage.Array[0, 2], WireModel.Chunks);
        await greetingThenRandom.SampleAsync(async c =>
        {
            var (withGreeting, withReady, random, damages, chunks) = c;
            byte[] stream = [
                .. withGreeting ? Golden.LibzmqGreeting : [],
                .. withGreeting && withReady ? Golden.ReadyFor(ZmtpSocketType.Push) : [],
                .. random,
            ];
            await SessionDriver.FromFirstOctetAsync(WireModel.Cut(Apply(stream, damages), chunks));
        }, print: c => $"{c.Item1} {c.Item2} {Convert.ToHexString(c.Item3)} {string.Join(",", c.Item4)}");
    }

    [Fact]
    public void FrameReader_RandomBytes_OnlyProtocolException()
    {
        Gen.Select(RandomBytes, Gen.Bool, Gen.Frequency((1, Gen.Const(-1L)), (1, Gen.Long[0, 300])), WireModel.Chunks)
            .Sample((bytes, commandsOnly, maxSize, chunks) =>
            {
                var frames = new ZmtpFrameReader(maxSize) { CommandsOnly = commandsOnly };
                var reader = new SequenceReader<byte>(Segments.Build([.. WireModel.Cut(bytes, chunks)]));
                try
                {
                    while (frames.TryRead(ref reader, out var frame))
                    {
                        Assert.InRange(frame.Length, 0, maxSize < 0 ? int.MaxValue : maxSize);
                        frame.Release();
                    }
                }
                catch (ZmtpProtocolException)
                {
                    frames.Reset();
                }
            }, print: c => $"{Convert.ToHexString(c.Item1)} commandsOnly={c.Item2} max={c.Item3}");
    }

    [Fact]
    public void Greeting_RandomOrDamagedBytes_OnlyProtocolException()
    {
        var gen = Gen.OneOf(
            Gen.Byte.Array[0, 80],
            OneDamage.Array[1, 3].Select(damages => Apply(Golden.LibzmqGreeting, damages)));
        gen.Sample(bytes =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            try
            {
                var done = ZmtpGreeting.TryParse(ref reader, out _);
                Assert.Equal(done ? ZmtpGreeting.Length : 0, reader.Consumed);
            }
            catch (ZmtpProtocolException)
            {
            }
        }, print: Convert.ToHexString);
    }

    [Fact]
    public void CommandReaders_RandomBody_OnlyProtocolException()
    {
        // A known name most of the time, so the readers of its data get random data.
        var names = Gen.OneOf(Gen.Const("PING"), Gen.Const("ERROR"), Gen.Const("READY"), Gen.Const("SUBSCRIBE"), Gen.Const("X"));
        var body = Gen.Frequency(
            (3, Gen.Select(names, Gen.Byte.Array[0, 80], (name, data) => (byte[])[(byte)name.Length, .. System.Text.Encoding.ASCII.GetBytes(name), .. data])),
            (1, Gen.Byte.Array[0, 80]));
        body.Sample(bytes =>
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
            try
            {
                switch (ZmtpCommandReader.ReadName(ref reader))
                {
                    case ZmtpCommandKind.Ping:
                        ZmtpCommandReader.ReadPingTtl(ref reader);
                        break;
                    case ZmtpCommandKind.Error:
                        ZmtpCommandReader.ReadErrorReason(ref reader);
                        break;
                    case ZmtpCommandKind.Ready:
                        ZmtpMetadata.Read(ref reader);
                        Assert.True(reader.End);
                        break;
                }
            }
            catch (ZmtpProtocolException)
            {
            }
        }, print: Convert.ToHexString);
    }

    private static byte[] Apply(byte[] wire, IEnumerable<(Damage Kind, double Where, byte Octet)> damages)
    {
        var bytes = new List<byte>(wire);
        foreach (var (kind, where, octet) in damages)
        {
            var at = (int)(where * bytes.Count);
            var inside = at < bytes.Count;
            switch (kind)
            {
                case Damage.Flip when inside:
                    bytes[at] ^= (byte)(1 << (octet % 8));
                    break;
                case Damage.Replace when inside:
                    bytes[at] = octet;
                    break;
                case Damage.Insert:
                    bytes.Insert(at, octet);
                    break;
                case Damage.Delete when inside:
                    bytes.RemoveAt(at);
                    break;
                case Damage.Truncate:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }
}
