using Zmtp.Sockets.Tests.Support;

namespace Zmtp.Sockets.Tests;

/// <summary>Frame sizes and counts across the size-encoding boundaries of ZMTP (255/256 bytes, long frames).</summary>
public sealed class MessageShapeTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(255, 1)]
    [InlineData(256, 1)]
    [InlineData(70_000, 3)]
    [InlineData(4 * 1024 * 1024, 1)]
    [InlineData(1, 200)]
    public async Task Frames_arrive_intact(int size, int frames)
    {
        await using var pull = new PullSocket().NoLinger();
        await using var push = new PushSocket().NoLinger();
        push.Connect(pull.BindLocal());

        var sent = new Message();
        for (var f = 0; f < frames; f++)
        {
            var body = new byte[size];
            Random.Shared.NextBytes(body);
            sent.Add(body);
        }

        await push.SendAsync(sent).Within();
        var received = await pull.ReceiveAsync().Within();
        Assert.Equal(frames, received.Count);
        for (var f = 0; f < frames; f++)
        {
            Assert.True(sent[f].Span.SequenceEqual(received[f].Span), $"Frame {f} differs.");
        }
    }

    [Fact]
    public async Task Receive_string_returns_the_first_frame()
    {
        await using var pull = new PullSocket().NoLinger();
        await using var push = new PushSocket().NoLinger();
        push.Connect(pull.BindLocal());
        await push.SendAsync(Net.Msg("héllo", "second")).Within();
        Assert.Equal("héllo", await pull.ReceiveStringAsync().Within());
    }
}
