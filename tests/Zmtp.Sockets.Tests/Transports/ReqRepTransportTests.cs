using Zmtp.Sockets.Tests.Support;
using static Zmtp.Sockets.Tests.Support.Net;

namespace Zmtp.Sockets.Tests.Transports;

/// <summary>REQ/REP and their pairings with DEALER and ROUTER, identical over tcp, ipc and inproc.</summary>
public sealed class ReqRepTransportTests
{
    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Req_rep_round_trip(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var rep = t.Open(c => new RepSocket(c));
        var req = t.Open(c => new ReqSocket(c));
        req.Connect(t.Bind(rep));

        await req.SendAsync("Hello").Within();
        Assert.Equal(["Hello"], (await rep.ReceiveAsync().Within()).Text());
        await rep.SendAsync("World").Within();
        Assert.Equal(["World"], (await req.ReceiveAsync().Within()).Text());
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Req_rep_multipart_round_trip_keeps_every_frame(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var rep = t.Open(c => new RepSocket(c));
        var req = t.Open(c => new ReqSocket(c));
        req.Connect(t.Bind(rep));

        await req.SendAsync(Msg("a", "", "c", "dddd")).Within();
        Assert.Equal(["a", "", "c", "dddd"], (await rep.ReceiveAsync().Within()).Text());
        await rep.SendAsync(Msg("x", "y", "")).Within();
        Assert.Equal(["x", "y", ""], (await req.ReceiveAsync().Within()).Text());
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Req_rep_one_hundred_sequential_cycles(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var rep = t.Open(c => new RepSocket(c));
        var req = t.Open(c => new ReqSocket(c));
        req.Connect(t.Bind(rep));

        var server = Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                var request = await rep.ReceiveStringAsync();
                await rep.SendAsync($"re:{request}");
            }
        });

        for (var i = 0; i < 100; i++)
        {
            await req.SendAsync($"q{i}").Within();
            Assert.Equal($"re:q{i}", await req.ReceiveStringAsync().Within());
        }

        await server.Within();
    }

    /// <summary>Spec 6: a DEALER talking to a REP supplies and gets back the envelope itself.</summary>
    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Dealer_to_rep_envelope(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var rep = t.Open(c => new RepSocket(c));
        var dealer = t.Open(c => new DealerSocket(c));
        dealer.Connect(t.Bind(rep));

        await dealer.SendAsync(Msg("", "A")).Within();
        Assert.Equal(["A"], (await rep.ReceiveAsync().Within()).Text());
        await rep.SendAsync("A").Within();
        Assert.Equal(["", "A"], (await dealer.ReceiveAsync().Within()).Text());

        await dealer.SendAsync(Msg("X", "Y", "", "A")).Within();
        Assert.Equal(["A"], (await rep.ReceiveAsync().Within()).Text());
        await rep.SendAsync("A").Within();
        Assert.Equal(["X", "Y", "", "A"], (await dealer.ReceiveAsync().Within()).Text());
    }

    /// <summary>Spec 2: a ROUTER sees [id, "", body…] from a REQ, and the REQ gets exactly the body back.</summary>
    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Req_to_router_message_format(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var router = t.Open(c => new RouterSocket(c));
        var req = t.Open(c => new ReqSocket(c));
        req.Connect(t.Bind(router));

        await req.SendAsync(Msg("ABC", "DEF")).Within();
        var request = await router.ReceiveAsync().Within();
        Assert.Equal(4, request.Count);
        Assert.False(request[0].IsEmpty, "The routing id frame must not be empty.");
        Assert.True(request[1].IsEmpty, "A REQ's delimiter must follow the routing id.");
        Assert.Equal(["ABC", "DEF"], request.Text()[2..]);

        await router.SendAsync(new Message().Add(request[0].ToArray()).AddEmpty().Add("GHI")).Within();
        Assert.Equal(["GHI"], (await req.ReceiveAsync().Within()).Text());
    }

    [Theory]
    [InlineData("tcp")]
    [InlineData("ipc")]
    [InlineData("inproc")]
    public async Task Req_connected_before_rep_binds_gets_its_reply(string transport)
    {
        await using var t = TransportCase.Create(transport);
        var endpoint = t.FreshEndpoint();
        var req = t.Open(c => new ReqSocket(c));
        req.Connect(endpoint);

        // The request waits in the connected endpoint's queue until the REP exists.
        await req.SendAsync("early").Within();
        var rep = t.Open(c => new RepSocket(c));
        rep.Bind(endpoint);

        Assert.Equal("early", await rep.ReceiveStringAsync().Within());
        await rep.SendAsync("late").Within();
        Assert.Equal("late", await req.ReceiveStringAsync().Within());
    }

    /// <summary>ipc over a real socket file (not the abstract namespace).</summary>
    [Fact]
    public async Task Req_rep_over_an_ipc_file_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"zmtp-test-{Guid.NewGuid():N}.sock");
        try
        {
            await using var context = new ZmtpContext();
            await using var rep = new RepSocket(context).NoLinger();
            await using var req = new ReqSocket(context).NoLinger();
            var endpoint = rep.Bind($"ipc://{path}");
            Assert.Equal($"ipc://{path}", endpoint);
            Assert.True(File.Exists(path), "Binding an ipc path creates the socket file.");
            req.Connect(endpoint);

            await req.SendAsync("over a file").Within();
            Assert.Equal("over a file", await rep.ReceiveStringAsync().Within());
            await rep.SendAsync("back").Within();
            Assert.Equal("back", await req.ReceiveStringAsync().Within());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
