using System.Diagnostics;
using System.Globalization;

namespace NetMQPerf;

/// <summary>The JSON result lines, identical in shape to <c>zmtp perf</c>'s so the runner reads all three alike.</summary>
internal static class Report
{
    public static void Ready()
    {
        Console.Out.WriteLine("READY");
        Console.Out.Flush();
    }

    public static void Throughput(string role, long count, int size, double seconds)
    {
        var rate = seconds > 0 ? count / seconds : 0;
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"role\":\"{role}\",\"count\":{count},\"size\":{size},\"seconds\":{seconds:F6},\"msgs_per_sec\":{rate:F3},\"mb_per_sec\":{rate * size / 1e6:F3}}}"));
        Console.Out.Flush();
    }

    /// <summary>Writes mean, median and nearest-rank 99th percentile of <paramref name="ticks"/> (Stopwatch ticks; sorted in place).</summary>
    public static void Latency(string role, int size, long[] ticks)
    {
        Array.Sort(ticks);
        var n = ticks.Length;
        double mean = 0, median = 0, p99 = 0;
        if (n > 0)
        {
            double sum = 0;
            foreach (var t in ticks)
            {
                sum += t;
            }

            mean = sum / n;
            median = n % 2 == 1 ? ticks[n / 2] : (ticks[(n / 2) - 1] + ticks[n / 2]) / 2.0;
            p99 = ticks[(int)Math.Ceiling(0.99 * n) - 1];
        }

        var us = 1e6 / Stopwatch.Frequency;
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"role\":\"{role}\",\"count\":{n},\"size\":{size},\"rtt_us_mean\":{mean * us:F3},\"rtt_us_median\":{median * us:F3},\"rtt_us_p99\":{p99 * us:F3}}}"));
        Console.Out.Flush();
    }
}
