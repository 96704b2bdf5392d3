using NetMQ;
using NetMQ.Sockets;

namespace NetMQPerf;

/// <summary>inproc-thr and inproc-lat: both ends in this process, the sender or server on a second thread.</summary>
internal static class InprocRoles
{
    public static void Throughput(PerfArgs args)
    {
        using var pull = new PullSocket();
        pull.Bind("inproc://thr");
        var sender = new Thread(() =>
        {
            using var push = new PushSocket();
            push.Options.Linger = TimeSpan.FromSeconds(30);
            push.Connect("inproc://thr");
            Loops.SendMany(push, args.Count, args.Size);
        });
        sender.Start();
        var seconds = Loops.ReceiveTimed(pull, args.Count);
        sender.Join();
        Report.Throughput("inproc-thr", args.Count, args.Size, seconds);
    }

    public static void Latency(PerfArgs args)
    {
        // REQ binds here and measures; REP echoes on the second thread.
        using var req = new RequestSocket();
        req.Bind("inproc://lat");
        var server = new Thread(() =>
        {
            using var rep = new ResponseSocket();
            rep.Options.Linger = TimeSpan.FromSeconds(30);
            rep.Connect("inproc://lat");
            Loops.Echo(rep, args.Count);
        });
        server.Start();
        var ticks = Loops.RoundTrips(req, args.Count, args.Size);
        server.Join();
        Report.Latency("inproc-lat", args.Size, ticks);
    }
}
