using Zmtp.Sockets.Tests.Support;

namespace Zmtp.Sockets.Tests;

/// <summary>ZmtpContext: inproc names per context, and closing every socket with the context.</summary>
public sealed class ContextTests
{
    [Fact]
    public async Task The_same_inproc_name_in_two_contexts_is_two_endpoints()
    {
        const string Endpoint = "inproc://shared-name";
        await using var one = new ZmtpContext();
        await using var two = new ZmtpContext();
        var pull1 = new PullSocket(one).NoLinger();
        var pull2 = new PullSocket(two).NoLinger();
        pull1.Bind(Endpoint);
        pull2.Bind(Endpoint);
        var push1 = new PushSocket(one).NoLinger();
        var push2 = new PushSocket(two).NoLinger();
        push1.Connect(Endpoint);
        push2.Connect(Endpoint);

        await push1.SendAsync("for one").Within();
        await push2.SendAsync("for two").Within();
        Assert.Equal("for one", await pull1.ReceiveStringAsync().Within());
        Assert.Equal("for two", await pull2.ReceiveStringAsync().Within());
        Assert.Null(await pull1.ReceiveOrNullAsync(Wait.Quiet));
        Assert.Null(await pull2.ReceiveOrNullAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task A_context_cannot_reach_another_contexts_inproc_name()
    {
        var endpoint = $"inproc://elsewhere-{Guid.NewGuid():N}";
        await using var one = new ZmtpContext();
        await using var two = new ZmtpContext();
        var pull = new PullSocket(one).NoLinger();
        pull.Bind(endpoint);
        var push = new PushSocket(two).NoLinger();
        push.Connect(endpoint);

        await push.SendAsync("lost").Within();
        Assert.Null(await pull.ReceiveOrNullAsync(Wait.Quiet));
    }

    [Fact]
    public async Task Binding_an_inproc_name_twice_is_address_in_use()
    {
        var endpoint = $"inproc://twice-{Guid.NewGuid():N}";
        await using var context = new ZmtpContext();
        var first = new PullSocket(context).NoLinger();
        var second = new PullSocket(context).NoLinger();
        first.Bind(endpoint);

        Assert.Equal(ZmtpError.AddressInUse, Assert.Throws<ZmtpException>(() => second.Bind(endpoint)).Error);
        Assert.Equal(ZmtpError.AddressInUse, Assert.Throws<ZmtpException>(() => first.Bind(endpoint)).Error);
    }

    [Fact]
    public async Task Disposing_the_context_closes_its_sockets()
    {
        var endpoint = $"inproc://closing-{Guid.NewGuid():N}";
        var context = new ZmtpContext();
        var pull = new PullSocket(context).NoLinger();
        var push = new PushSocket(context).NoLinger();
        pull.Bind(endpoint);
        push.Connect(endpoint);
        await push.SendAsync("before").Within();
        Assert.Equal("before", await pull.ReceiveStringAsync().Within());
        var pending = pull.ReceiveAsync().AsTask();

        await context.DisposeAsync().AsTask().Within();

        Assert.True(pull.IsDisposed);
        Assert.True(push.IsDisposed);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.Within());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => push.SendAsync("after").AsTask());
        Assert.Throws<ObjectDisposedException>(() => pull.TryReceive(out _));
        Assert.Throws<ObjectDisposedException>(() => pull.Bind("inproc://other"));
        Assert.Throws<ObjectDisposedException>(() => new PushSocket(context));
    }

    [Fact]
    public void Disposing_the_context_synchronously_closes_its_sockets()
    {
        var context = new ZmtpContext();
        var dealer = new DealerSocket(context).NoLinger();
        var sub = context.CreateSocket(ZmtpSocketType.Sub);
        Assert.IsType<SubSocket>(sub);
        Assert.Same(context, sub.Context);

        context.Dispose();
        Assert.True(dealer.IsDisposed);
        Assert.True(sub.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => dealer.Connect("tcp://127.0.0.1:5555"));
    }

    [Fact]
    public async Task Sockets_closed_before_the_context_are_left_alone()
    {
        await using var context = new ZmtpContext();
        var early = new PullSocket(context).NoLinger();
        await early.DisposeAsync();
        var other = new PullSocket(context).NoLinger();
        await context.DisposeAsync();
        Assert.True(other.IsDisposed);
    }
}
