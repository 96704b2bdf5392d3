using System.Diagnostics;
using NetMQ;
using NetMQ.Sockets;

namespace NetMQPerf;

/// <summary>The two-process roles over tcp (NetMQ has no ipc transport on Linux).</summary>
internal static class Roles
{
    /// <summary>Senders keep their queue until it is delivered, like zmtp perf's 30 s linger.</summary>
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(30);

    public static void ThroughputReceive(PerfArgs args) => TimedReceive(new PullSocket(), args, "thr-recv");

    public static void ThroughputSend(PerfArgs args) => SendAll(new PushSocket(), args);

    public static void RouterReceive(PerfArgs args) => TimedReceive(new RouterSocket(), args, "router-recv");

    public static void DealerSend(PerfArgs args) => SendAll(new DealerSocket(), args);

    public static void LatencyServer(PerfArgs args)
    {
        using var socket = Open(new ResponseSocket(), args);
        Loops.Echo(socket, args.Count);
        HoldOpen();
    }

    public static void LatencyClient(PerfArgs args)
    {
        using var socket = Open(new RequestSocket(), args);
        Report.Latency("lat-client", args.Size, Loops.RoundTrips(socket, args.Count, args.Size));
    }

    public static void PubSubSend(PerfArgs args)
    {
        using var socket = new XPublisherSocket();
        // Every subscriber subscribes to "": without verbose an XPUB reports only the first of them.
        socket.Options.XPubVerbose = true;
        socket.Options.Linger = TimeSpan.FromSeconds(2);
        Open(socket, args);
        var msg = default(Msg);
        msg.InitEmpty();
        for (var seen = 0; seen < args.Subscribers;)
        {
            socket.Receive(ref msg);
            seen += IsSubscription(ref msg, 1) ? 1 : 0;
        }

        Loops.SendMany(socket, args.Count, args.Size);

        // Empty messages about every millisecond mark the end, until the last subscriber has unsubscribed
        // or 20 s pass.
        var trailer = Stopwatch.StartNew();
        var unsubscribed = false;
        while (!unsubscribed && trailer.Elapsed < TimeSpan.FromSeconds(20))
        {
            socket.SendFrameEmpty();
            Thread.Sleep(1);
            while (socket.TryReceive(ref msg, TimeSpan.Zero))
            {
                unsubscribed |= IsSubscription(ref msg, 0);
            }
        }

        msg.Close();
    }

    public static int PubSubReceive(PerfArgs args)
    {
        using var socket = new SubscriberSocket();
        socket.Subscribe(string.Empty);
        Open(socket, args);
        var msg = default(Msg);
        msg.InitEmpty();
        socket.Receive(ref msg);
        var start = Stopwatch.GetTimestamp();
        var end = start;
        long received = 0;
        if (msg.Size > 0)
        {
            // A publisher drops what a subscriber cannot take: stop at COUNT, at the empty end marker, or
            // after 3 s of silence.
            received = 1;
            while (received < args.Count && socket.TryReceive(ref msg, TimeSpan.FromSeconds(3)) && msg.Size > 0)
            {
                end = Stopwatch.GetTimestamp();
                received++;
            }
        }

        msg.Close();
        socket.Unsubscribe(string.Empty);
        socket.Options.Linger = TimeSpan.FromMilliseconds(500);
        Report.Throughput("pubsub-recv", received, args.Size, Stopwatch.GetElapsedTime(start, end).TotalSeconds);
        return received > 0 ? 0 : 1;
    }

    private static void TimedReceive(NetMQSocket socket, PerfArgs args, string role)
    {
        using (socket)
        {
            Open(socket, args);
            Report.Throughput(role, args.Count, args.Size, Loops.ReceiveTimed(socket, args.Count));
        }
    }

    private static void SendAll(NetMQSocket socket, PerfArgs args)
    {
        using (socket)
        {
            Open(socket, args);
            Loops.SendMany(socket, args.Count, args.Size);
            HoldOpen();
        }
    }

    /// <summary>
    /// NetMQ 4.0.4.5 now and then loses the tail of a sender's queue when the socket is disposed despite
    /// its linger (about one run in ten here). So a sender stays open until its standard input reaches end
    /// of file (the runner closes it once the receiver has its result) or 10 s pass; the receiver's
    /// figure is timed on its side and does not include this wait.
    /// </summary>
    private static void HoldOpen()
    {
        var reading = Task.Run(() => Console.In.ReadToEnd());
        reading.Wait(TimeSpan.FromSeconds(10));
    }

    /// <summary>Binds or connects <paramref name="socket"/> as the arguments say; a binding role prints READY.</summary>
    private static T Open<T>(T socket, PerfArgs args)
        where T : NetMQSocket
    {
        socket.Options.Linger = Linger;
        if (args.Bind)
        {
            socket.Bind(args.Address);
            Report.Ready();
        }
        else
        {
            socket.Connect(args.Address);
        }

        return socket;
    }

    private static bool IsSubscription(ref Msg msg, byte kind) => msg.Size > 0 && msg[0] == kind;
}
