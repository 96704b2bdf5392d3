using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>Operations a socket type does not have, and use after dispose.</summary>
public sealed class MisuseTests
{
    [Fact]
    public async Task Receive_only_types_cannot_send()
    {
        await using var sub = new SubSocket();
        await using var pull = new PullSocket().NoLinger();

        await Assert.ThrowsAsync<NotSupportedException>(async () => await sub.SendAsync("x"));
        Assert.Throws<NotSupportedException>(() => sub.TrySend(Msg("x")));
        Assert.Throws<NotSupportedException>(() => sub.Send(Msg("x"), TimeSpan.Zero));
        await Assert.ThrowsAsync<NotSupportedException>(async () => await pull.SendAsync("x"));
        Assert.Throws<NotSupportedException>(() => pull.TrySend(Msg("x")));
    }

    [Fact]
    public async Task Send_only_types_cannot_receive()
    {
        await using var pub = new PubSocket().NoLinger();
        await using var push = new PushSocket().NoLinger();

        await Assert.ThrowsAsync<NotSupportedException>(async () => await pub.ReceiveAsync());
        Assert.Throws<NotSupportedException>(() => pub.TryReceive(out _));
        Assert.Throws<NotSupportedException>(() => pub.Receive(TimeSpan.Zero));
        await Assert.ThrowsAsync<NotSupportedException>(async () => await push.ReceiveAsync());
        Assert.Throws<NotSupportedException>(() => push.TryReceive(TimeSpan.Zero, out _));
    }

    [Fact]
    public async Task Disposed_socket_refuses_everything()
    {
        var pull = new PullSocket().NoLinger();
        var endpoint = pull.BindLocal();
        await pull.DisposeAsync().Within();
        var push = new PushSocket().NoLinger();
        push.Connect(endpoint);
        push.Dispose();

        Assert.True(pull.IsDisposed);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pull.ReceiveAsync());
        Assert.Throws<ObjectDisposedException>(() => pull.TryReceive(out _));
        Assert.Throws<ObjectDisposedException>(() => pull.Receive(TimeSpan.FromMilliseconds(10)));
        Assert.Throws<ObjectDisposedException>(() => pull.Bind(AnyPort));
        Assert.Throws<ObjectDisposedException>(() => pull.Connect(endpoint));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await push.SendAsync("x"));
        Assert.Throws<ObjectDisposedException>(() => push.TrySend(Msg("x")));
        Assert.Throws<ObjectDisposedException>(() => push.Send(Msg("x"), TimeSpan.FromMilliseconds(10)));

        // Disposing again is harmless.
        await pull.DisposeAsync().Within();
        push.Dispose();
    }

    [Fact]
    public async Task Sub_subscribe_after_dispose_fails()
    {
        var sub = new SubSocket();
        await sub.DisposeAsync().Within();
        Assert.Throws<ObjectDisposedException>(() => sub.Subscribe("A"));
    }
}
