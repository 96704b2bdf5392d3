// The awaitable API in the spirit of pyzmq's zmq.asyncio: a REP echo server, a REQ client, and a SUB
// receive loop, all on loopback with ports chosen by the OS.
using Zmtp;

using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));

await using var server = new RepSocket();
var endpoint = server.Bind("tcp://127.0.0.1:*");
var serving = Task.Run(async () =>
{
    for (var i = 0; i < 3; i++)
    {
        using var request = await server.ReceiveAsync(stop.Token);
        await server.SendAsync($"echo: {request.GetString(0)}", stop.Token);
    }
});

await using (var client = new ReqSocket())
{
    client.Connect(endpoint);
    for (var i = 1; i <= 3; i++)
    {
        await client.SendAsync($"hello {i}", stop.Token);
        Console.WriteLine(await client.ReceiveStringAsync(stop.Token));
    }
}

await serving;

await using var publisher = new PubSocket();
var feed = publisher.Bind("tcp://127.0.0.1:*");
await using var subscriber = new SubSocket();
subscriber.Connect(feed);
subscriber.Subscribe("weather");

// A subscription needs a moment to reach the publisher: publish until the subscriber hears something.
var publishing = Task.Run(async () =>
{
    for (var n = 0; !stop.IsCancellationRequested; n++)
    {
        await publisher.SendAsync(Message.FromStrings("weather", $"{20 + (n % 5)} C"), stop.Token);
        await publisher.SendAsync(Message.FromStrings("sports", "ignored"), stop.Token);
        await Task.Delay(10, stop.Token);
    }
});

for (var received = 0; received < 3; received++)
{
    using var update = await subscriber.ReceiveAsync(stop.Token);
    Console.WriteLine($"received {update}");
}

await stop.CancelAsync();
await Task.WhenAny(publishing);
