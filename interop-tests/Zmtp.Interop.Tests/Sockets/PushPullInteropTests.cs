using Zmtp.Interop.Tests.Native;
using static Zmtp.Interop.Tests.Sockets.InteropAssert;

namespace Zmtp.Interop.Tests.Sockets;

/// <summary>PUSH/PULL between Zmtp and libzmq: order, multipart, empty frames, large messages, both roles.</summary>
public sealed class PushPullInteropTests : IDisposable
{
    private const int Count = 1000;

    private readonly ZmqContext _context = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Our_push_delivers_to_libzmq_pull(bool weBind)
    {
        await using var push = new PushSocket().Quick();
        var pull = _context.Socket(Zmq.Pull);
        if (weBind)
        {
            pull.Connect(push.Bind("tcp://127.0.0.1:*"));
        }
        else
        {
            push.Connect(pull.Bind("tcp://127.0.0.1:*"));
        }

        var big = Payload(1 << 20, seed: 3);
        for (var i = 0; i < Count; i++)
        {
            await push.SendWithinAsync($"m{i}");
        }

        await push.SendWithinAsync("first", "", "third");
        await push.SendWithinAsync(new Message(ReadOnlyMemory<byte>.Empty));
        await push.SendWithinAsync(new Message(big, new byte[256], new byte[255]));

        for (var i = 0; i < Count; i++)
        {
            Assert.Equal([$"m{i}"], Strings(pull.ReceiveMultipart()));
        }

        Assert.Equal(["first", "", "third"], Strings(pull.ReceiveMultipart()));
        Assert.Equal([Array.Empty<byte>()], pull.ReceiveMultipart());
        var frames = pull.ReceiveMultipart();
        Assert.Equal(3, frames.Length);
        Assert.True(big.AsSpan().SequenceEqual(frames[0]), "1 MiB frame differs");
        Assert.Equal(new byte[256], frames[1]);
        Assert.Equal(new byte[255], frames[2]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Libzmq_push_delivers_to_our_pull(bool weBind)
    {
        await using var pull = new PullSocket().Quick();
        var push = _context.Socket(Zmq.Push);
        if (weBind)
        {
            push.Connect(pull.Bind("tcp://127.0.0.1:*"));
        }
        else
        {
            pull.Connect(push.Bind("tcp://127.0.0.1:*"));
        }

        var big = Payload(1 << 20, seed: 4);
        for (var i = 0; i < Count; i++)
        {
            push.SendMultipart(Bytes($"m{i}"));
        }

        push.SendMultipart(Bytes("first", "", "third"));
        push.SendMultipart(Array.Empty<byte>());
        push.SendMultipart(big, new byte[256], new byte[255]);

        for (var i = 0; i < Count; i++)
        {
            using var message = await pull.ReceiveWithinAsync();
            Assert.Equal([$"m{i}"], Strings(message));
        }

        using (var multipart = await pull.ReceiveWithinAsync())
        {
            Assert.Equal(["first", "", "third"], Strings(multipart));
        }

        using (var empty = await pull.ReceiveWithinAsync())
        {
            Assert.True(Assert.Single(empty).IsEmpty);
        }

        using var large = await pull.ReceiveWithinAsync();
        Assert.Equal(3, large.Count);
        Assert.True(big.AsSpan().SequenceEqual(large[0].Span), "1 MiB frame differs");
        Assert.Equal(new byte[256], large[1].ToArray());
        Assert.Equal(new byte[255], large[2].ToArray());
    }

    [Fact]
    public async Task Our_pull_fair_queues_two_libzmq_pushers()
    {
        await using var pull = new PullSocket().Quick();
        var endpoint = pull.Bind("tcp://127.0.0.1:*");
        var first = _context.Socket(Zmq.Push);
        var second = _context.Socket(Zmq.Push);
        first.Connect(endpoint);
        second.Connect(endpoint);
        for (var i = 0; i < 50; i++)
        {
            first.SendMultipart(Bytes($"a{i}"));
            second.SendMultipart(Bytes($"b{i}"));
        }

        // Everything arrives, and each sender's messages stay in their own order.
        var fromFirst = new List<string>();
        var fromSecond = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            using var message = await pull.ReceiveWithinAsync();
            var text = message.GetString(0);
            (text[0] == 'a' ? fromFirst : fromSecond).Add(text);
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"a{i}"), fromFirst);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"b{i}"), fromSecond);
    }

    public void Dispose() => _context.Dispose();
}
