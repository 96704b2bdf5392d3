using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests;

/// <summary>REQ and REP talking to each other: round trips and the lock-step state machine.</summary>
public sealed class ReqRepTests
{
    public static TheoryData<string[]> Shapes => new()
    {
        new[] { "Hello" },
        new[] { "ABC", "DEF" },
        new[] { "" },
        new[] { "a", "", "b" },
        new[] { "", "", "tail" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Round_trip_preserves_every_frame(string[] frames)
    {
        await using var rep = new RepSocket().NoLinger();
        await using var req = new ReqSocket().NoLinger();
        req.Connect(rep.BindLocal());

        await req.SendAsync(Msg(frames)).Within();
        var request = await rep.ReceiveAsync().Within();
        Assert.Equal(frames, request.Text());

        var reply = frames.Reverse().Append("reply").ToArray();
        await rep.SendAsync(Msg(reply)).Within();
        var received = await req.ReceiveAsync().Within();
        Assert.Equal(reply, received.Text());
    }

    [Fact]
    public async Task Several_cycles_alternate_strictly()
    {
        await using var rep = new RepSocket().NoLinger();
        await using var req = new ReqSocket().NoLinger();
        req.Connect(rep.BindLocal());

        for (var i = 0; i < 20; i++)
        {
            await req.SendAsync($"ping {i}").Within();
            Assert.Equal($"ping {i}", await rep.ReceiveStringAsync().Within());
            await rep.SendAsync($"pong {i}").Within();
            Assert.Equal($"pong {i}", await req.ReceiveStringAsync().Within());
        }
    }

    [Fact]
    public async Task Three_concurrent_clients_each_get_their_own_reply()
    {
        await using var rep = new RepSocket().NoLinger();
        var endpoint = rep.BindLocal();
        var clients = new ReqSocket[3];
        for (var i = 0; i < clients.Length; i++)
        {
            clients[i] = new ReqSocket().NoLinger();
            clients[i].Connect(endpoint);
        }

        try
        {
            var server = Task.Run(async () =>
            {
                for (var i = 0; i < clients.Length; i++)
                {
                    var request = await rep.ReceiveStringAsync();
                    await rep.SendAsync("re:" + request);
                }
            });

            var calls = clients.Select(async (client, i) =>
            {
                await client.SendAsync($"client-{i}");
                return await client.ReceiveStringAsync();
            }).ToArray();

            var replies = await Task.WhenAll(calls).Within();
            await server.Within();
            Assert.Equal(["re:client-0", "re:client-1", "re:client-2"], replies);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Req_second_send_before_reply_is_invalid()
    {
        await using var rep = new RepSocket().NoLinger();
        await using var req = new ReqSocket().NoLinger();
        req.Connect(rep.BindLocal());
        await req.SendAsync("first").Within();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await req.SendAsync("second"));
        Assert.Contains("REQ", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => req.TrySend(Msg("third")));

        // The pending request is still the one served.
        Assert.Equal("first", await rep.ReceiveStringAsync().Within());
    }

    [Fact]
    public async Task Req_receive_before_send_is_invalid()
    {
        await using var req = new ReqSocket().NoLinger();
        req.Connect(UnusedEndpoint());

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await req.ReceiveAsync());
        Assert.Throws<InvalidOperationException>(() => req.TryReceive(out _));
    }

    [Fact]
    public async Task Rep_send_before_receive_is_invalid()
    {
        await using var rep = new RepSocket().NoLinger();
        rep.BindLocal();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await rep.SendAsync("unasked"));
        Assert.Contains("REP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rep_receive_twice_is_invalid()
    {
        await using var rep = new RepSocket().NoLinger();
        await using var req = new ReqSocket().NoLinger();
        req.Connect(rep.BindLocal());
        await req.SendAsync("question").Within();
        Assert.Equal("question", await rep.ReceiveStringAsync().Within());

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await rep.ReceiveAsync());

        // The state machine is intact: the reply still goes out.
        await rep.SendAsync("answer").Within();
        Assert.Equal("answer", await req.ReceiveStringAsync().Within());
    }
}
