using System.Diagnostics;
using NetMQ;

namespace NetMQPerf;

/// <summary>
/// The hot loops, on NetMQ's <see cref="Msg"/> API (no per-message byte[] on receive, one payload array
/// reused on send): the fastest way NetMQ offers, so the comparison is with NetMQ at its best.
/// </summary>
internal static class Loops
{
    /// <summary>Receives <paramref name="count"/> whole messages; seconds from the first to the last, like local_thr.</summary>
    public static double ReceiveTimed(NetMQSocket socket, int count)
    {
        var msg = default(Msg);
        msg.InitEmpty();
        long start = 0;
        for (var i = 0; i < count; i++)
        {
            do
            {
                socket.Receive(ref msg);
            }
            while (msg.HasMore);

            if (i == 0)
            {
                start = Stopwatch.GetTimestamp();
            }
        }

        msg.Close();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    public static void SendMany(NetMQSocket socket, int count, int size)
    {
        var payload = new byte[size];
        var msg = default(Msg);
        for (var i = 0; i < count; i++)
        {
            msg.InitGC(payload, size);
            socket.Send(ref msg, more: false);
        }

        msg.Close();
    }

    /// <summary>REQ side: sends and awaits <paramref name="count"/> round trips, each timed in Stopwatch ticks.</summary>
    public static long[] RoundTrips(NetMQSocket socket, int count, int size)
    {
        var payload = new byte[size];
        var ticks = new long[count];
        var request = default(Msg);
        var reply = default(Msg);
        reply.InitEmpty();
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            request.InitGC(payload, size);
            socket.Send(ref request, more: false);
            socket.Receive(ref reply);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        reply.Close();
        return ticks;
    }

    /// <summary>REP side: sends each of <paramref name="count"/> requests back.</summary>
    public static void Echo(NetMQSocket socket, int count)
    {
        var msg = default(Msg);
        msg.InitEmpty();
        for (var i = 0; i < count; i++)
        {
            socket.Receive(ref msg);
            socket.Send(ref msg, more: false);
        }

        msg.Close();
    }
}
