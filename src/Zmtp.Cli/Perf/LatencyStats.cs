using System.Diagnostics;

namespace Zmtp.Cli.Perf;

/// <summary>Mean, median and 99th percentile of round trips measured in Stopwatch ticks, in microseconds.</summary>
internal readonly record struct LatencyStats(double MeanUs, double MedianUs, double P99Us)
{
    /// <summary>Computes the statistics; sorts <paramref name="ticks"/> in place.</summary>
    public static LatencyStats FromTicks(Span<long> ticks)
    {
        if (ticks.IsEmpty)
        {
            return default;
        }

        ticks.Sort();
        double sum = 0;
        foreach (var t in ticks)
        {
            sum += t;
        }

        var n = ticks.Length;
        var median = n % 2 == 1 ? ticks[n / 2] : (ticks[(n / 2) - 1] + ticks[n / 2]) / 2.0;

        // Nearest-rank percentile: the smallest sample with at least 99 % of the samples at or below it.
        var p99 = ticks[(int)Math.Ceiling(0.99 * n) - 1];
        return new LatencyStats(ToMicroseconds(sum / n), ToMicroseconds(median), ToMicroseconds(p99));
    }

    private static double ToMicroseconds(double ticks) => ticks * 1e6 / Stopwatch.Frequency;
}
