using System.Buffers;
using CsCheck;
using Zmtp.Protocol.Tests.Support;

namespace Zmtp.Protocol.Tests.Properties;

/// <summary>
/// Random valid traffic (messages of 1-5 frames with bodies of 0 to ~70 KiB across the 255/256 short/long
/// boundary, PING/PONG/SUBSCRIBE/CANCEL and unknown commands in between), encoded with the library's
/// writers and cut at random points, decodes to exactly what was encoded.
/// </summary>
public sealed class RoundTripProperties
{
    private static readonly Gen<(WireItem[] Items, int[] Chunks)> Case = Gen.Select(WireModel.Stream, WireModel.Chunks);

    private static string Print((WireItem[] Items, int[] Chunks) c) =>
        $"{WireModel.Describe(c.Items)} | chunks {string.Join(",", c.Chunks)}";

    [Fact]
    public void Writer_UsesTheLongFormExactlyAbove255()
    {
        WireModel.Body.Sample(body =>
        {
            var wire = WireModel.Encode([new MessageItem([body])]);
            Assert.Equal((body.Length > 255 ? 9 : 2) + body.Length, wire.Length);
            Assert.Equal(body.Length > 255 ? 0x02 : 0x00, wire[0]);
        });
    }

    [Fact]
    public void FrameReader_MultiSegmentSequence_DecodesWhatWasEncoded()
    {
        Case.Sample(c =>
        {
            var wire = WireModel.Encode(c.Items);
            var sequence = Segments.Build([.. WireModel.Cut(wire, c.Chunks)]);
            var frames = new ZmtpFrameReader(-1);
            var reader = new SequenceReader<byte>(sequence);
            var actual = new List<(bool, bool, byte[])>();
            while (frames.TryRead(ref reader, out var frame))
            {
                actual.Add(Take(frame));
            }

            Assert.True(reader.End);
            Assert.False(frames.InBody);
            AssertFrames(WireModel.ExpectedFrames(c.Items), actual);
        }, print: Print);
    }

    [Fact]
    public void FrameReader_FedInChunks_DecodesWhatWasEncoded()
    {
        Case.Sample(c =>
        {
            var wire = WireModel.Encode(c.Items);
            var frames = new ZmtpFrameReader(-1);
            var actual = new List<(bool, bool, byte[])>();
            byte[] unread = [];
            foreach (var chunk in WireModel.Cut(wire, c.Chunks))
            {
                // What a pipe offers: the bytes not consumed yet, then the new ones, in two segments.
                var reader = new SequenceReader<byte>(Segments.Build(unread, chunk));
                while (frames.TryRead(ref reader, out var frame))
                {
                    actual.Add(Take(frame));
                }

                unread = reader.UnreadSequence.ToArray();
            }

            Assert.Empty(unread);
            Assert.False(frames.InBody);
            AssertFrames(WireModel.ExpectedFrames(c.Items), actual);
        }, print: Print);
    }

    [Fact]
    public async Task Session_FedInChunks_ReturnsWhatWasEncoded()
    {
        await Case.SampleAsync(async c =>
        {
            var outcome = await SessionDriver.AfterHandshakeAsync(WireModel.Cut(WireModel.Encode(c.Items), c.Chunks));
            Assert.Null(outcome.Error);
            var expected = WireModel.ExpectedInbound(c.Items);
            Assert.Equal(expected.Count, outcome.Items.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                switch ((expected[i], outcome.Items[i]))
                {
                    case (MessageItem want, MessageItem got):
                        Assert.Equal(want.Frames.Length, got.Frames.Length);
                        for (var f = 0; f < want.Frames.Length; f++)
                        {
                            Assert.Equal(want.Frames[f], got.Frames[f]);
                        }

                        break;
                    case (CommandItem want, CommandItem got):
                        Assert.Equal(want.Kind, got.Kind);
                        Assert.Equal(want.Ttl, got.Ttl);
                        Assert.Equal(want.Data, got.Data);
                        break;
                    default:
                        Assert.Fail($"Item {i}: expected {expected[i]}, got {outcome.Items[i]}.");
                        break;
                }
            }
        }, print: Print);
    }

    // Copies a frame out before the input moves on, and returns its pooled buffer.
    private static (bool, bool, byte[]) Take(ZmtpFrame frame)
    {
        try
        {
            Assert.Equal(frame.Length, frame.Body.Length);
            return (frame.Header.IsCommand, frame.Header.HasMore, frame.Body.ToArray());
        }
        finally
        {
            frame.Release();
        }
    }

    private static void AssertFrames(List<(bool Command, bool More, byte[] Body)> expected, List<(bool Command, bool More, byte[] Body)> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal((expected[i].Command, expected[i].More), (actual[i].Command, actual[i].More));
            Assert.Equal(expected[i].Body, actual[i].Body);
        }
    }
}
