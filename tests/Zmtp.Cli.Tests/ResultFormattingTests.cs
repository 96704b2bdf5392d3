using System.Globalization;
using System.Diagnostics;
using System.Text.Json;
using Zmtp.Cli.Output;
using Zmtp.Cli.Perf;

namespace Zmtp.Cli.Tests;

public sealed class ResultFormattingTests
{
    [Fact]
    public void Json_line_is_valid_json_with_invariant_numbers()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            // A culture with a decimal comma must not leak into the output.
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            CultureInfo.CurrentCulture = comma;
            var line = new JsonLine().Add("role", "thr-recv").Add("count", 1000L).Add("seconds", 0.25).Add("rate", 4000.5).Add("bad", double.NaN).ToString();

            Assert.Equal("{\"role\":\"thr-recv\",\"count\":1000,\"seconds\":0.25,\"rate\":4000.5,\"bad\":0}", line);
            using var document = JsonDocument.Parse(line);
            Assert.Equal(4000.5, document.RootElement.GetProperty("rate").GetDouble());
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Json_strings_are_escaped()
    {
        var line = new JsonLine().Add("text", "a\"b\\c\n").ToString();

        using var document = JsonDocument.Parse(line);
        Assert.Equal("a\"b\\c\n", document.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void Latency_stats_compute_mean_median_and_nearest_rank_p99()
    {
        // 1..100 microseconds, shuffled.
        var ticks = Enumerable.Range(1, 100).Select(us => us * Stopwatch.Frequency / 1_000_000).Reverse().ToArray();

        var stats = LatencyStats.FromTicks(ticks);

        Assert.Equal(50.5, stats.MeanUs, 3);
        Assert.Equal(50.5, stats.MedianUs, 3);
        Assert.Equal(99, stats.P99Us, 3);
    }

    [Fact]
    public void Latency_stats_of_odd_count_take_the_middle_sample()
    {
        long[] ticks = [30 * Stopwatch.Frequency / 1_000_000, 10 * Stopwatch.Frequency / 1_000_000, 20 * Stopwatch.Frequency / 1_000_000];

        var stats = LatencyStats.FromTicks(ticks);

        Assert.Equal(20, stats.MedianUs, 3);
        Assert.Equal(30, stats.P99Us, 3);
        Assert.Equal(20, stats.MeanUs, 3);
    }
}
