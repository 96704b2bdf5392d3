using Zmtp.Transport;

namespace Zmtp.Transport.Tests;

public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void Without_a_cap_each_delay_is_interval_plus_jitter_below_interval()
    {
        var backoff = new ReconnectBackoff(Interval, TimeSpan.Zero);
        var delays = Enumerable.Range(0, 2000).Select(_ => backoff.NextDelay()).ToList();

        Assert.True(backoff.Enabled);
        Assert.All(delays, d => Assert.InRange(d, Interval, Interval * 2 - TimeSpan.FromTicks(1)));
        // Jitter spreads reconnecting peers: 2000 draws cover both halves of the range.
        Assert.Contains(delays, d => d < TimeSpan.FromMilliseconds(150));
        Assert.Contains(delays, d => d >= TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void A_cap_smaller_than_the_interval_is_ignored()
    {
        var backoff = new ReconnectBackoff(Interval, TimeSpan.FromMilliseconds(50));
        var delays = Enumerable.Range(0, 200).Select(_ => backoff.NextDelay()).ToList();

        Assert.All(delays, d => Assert.InRange(d, Interval, Interval * 2));
        Assert.True(delays.Distinct().Count() > 1, "jitter expected when the cap is ignored");
    }

    [Fact]
    public void With_a_cap_delays_double_without_jitter_up_to_the_cap_and_reset_restarts()
    {
        var backoff = new ReconnectBackoff(Interval, TimeSpan.FromMilliseconds(1000));
        int[] expected = [100, 200, 400, 800, 1000, 1000, 1000];

        Assert.Equal(expected, expected.Select(_ => (int)backoff.NextDelay().TotalMilliseconds));

        backoff.Reset();
        Assert.Equal(Interval, backoff.NextDelay());
        Assert.Equal(Interval * 2, backoff.NextDelay());
    }

    [Fact]
    public void A_negative_interval_disables_reconnection()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(-1), TimeSpan.Zero);

        Assert.False(backoff.Enabled);
    }

    [Fact]
    public void A_zero_interval_reconnects_at_once()
    {
        var backoff = new ReconnectBackoff(TimeSpan.Zero, TimeSpan.Zero);

        Assert.True(backoff.Enabled);
        Assert.Equal(TimeSpan.Zero, backoff.NextDelay());
        Assert.Equal(TimeSpan.Zero, backoff.NextDelay());
    }
}
