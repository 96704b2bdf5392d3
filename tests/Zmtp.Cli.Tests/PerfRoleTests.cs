using System.Text.Json;
using Zmtp.Cli.Arguments;

namespace Zmtp.Cli.Tests;

/// <summary>The perf roles of the comparison runner: router-recv/dealer-send, inproc-thr/inproc-lat, --subscribers.</summary>
public sealed class PerfRoleTests
{
    [Theory]
    [InlineData("router-recv", nameof(PerfRole.RouterReceiver), true)]
    [InlineData("dealer-send", nameof(PerfRole.DealerSender), false)]
    public void Router_and_dealer_roles_bind_or_connect_by_default(string role, string expectedRole, bool bind)
    {
        var options = ArgumentParser.Parse(["perf", role, "tcp://127.0.0.1:5555", "1000", "64"]);

        Assert.Equal(Enum.Parse<PerfRole>(expectedRole), options.PerfRole);
        Assert.Equal([new EndpointSpec(bind, "tcp://127.0.0.1:5555")], options.Endpoints);
        Assert.Equal(1000, options.PerfCount);
        Assert.Equal(64, options.PerfSize);
    }

    [Theory]
    [InlineData("inproc-thr", nameof(PerfRole.InprocThroughput))]
    [InlineData("inproc-lat", nameof(PerfRole.InprocLatency))]
    public void Inproc_roles_take_count_and_size_only(string role, string expectedRole)
    {
        var options = ArgumentParser.Parse(["perf", role, "500", "0"]);

        Assert.Equal(Enum.Parse<PerfRole>(expectedRole), options.PerfRole);
        Assert.Empty(options.Endpoints);
        Assert.Equal(500, options.PerfCount);
        Assert.Equal(0, options.PerfSize);
    }

    [Fact]
    public void Subscribers_defaults_to_one_and_is_parsed()
    {
        Assert.Equal(1, ArgumentParser.Parse(["perf", "pubsub-send", "tcp://h:1", "10", "1"]).PerfSubscribers);
        Assert.Equal(10, ArgumentParser.Parse(["perf", "pubsub-send", "tcp://h:1", "10", "1", "--subscribers", "10"]).PerfSubscribers);
    }

    [Theory]
    [InlineData("expected COUNT SIZE, got 3", "perf", "inproc-thr", "tcp://h:1", "1", "2")]
    [InlineData("expected COUNT SIZE, got 1", "perf", "inproc-lat", "1")]
    [InlineData("invalid COUNT '0'", "perf", "inproc-thr", "0", "2")]
    [InlineData("expected ENDPOINT COUNT SIZE", "perf", "router-recv", "1", "2")]
    [InlineData("--subscribers applies to pubsub-send only", "perf", "thr-recv", "tcp://h:1", "1", "2", "--subscribers", "2")]
    [InlineData("invalid value '0' for --subscribers", "perf", "pubsub-send", "tcp://h:1", "1", "2", "--subscribers", "0")]
    public void Bad_perf_arguments_name_the_problem(string expected, params string[] args)
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(args));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dealer_to_router_reports_every_message()
    {
        await using var receiver = CliProcess.Start("perf", "router-recv", "tcp://127.0.0.1:*", "20000", "32");
        var endpoint = await receiver.BoundEndpointAsync();
        Assert.Equal("READY", await receiver.ReadLineAsync());

        var sender = await CliProcess.RunAsync("perf", "dealer-send", endpoint, "20000", "32");

        Assert.Equal(0, sender.Code);
        Assert.Equal(0, await receiver.WaitForExitAsync());
        var root = ParseJson(await receiver.ReadLineAsync());
        Assert.Equal("router-recv", root.GetProperty("role").GetString());
        Assert.Equal(20000, root.GetProperty("count").GetInt64());
        Assert.True(root.GetProperty("msgs_per_sec").GetDouble() > 0);
    }

    [Fact]
    public async Task Inproc_throughput_prints_one_json_line_and_no_ready()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync("perf", "inproc-thr", "50000", "16");

        Assert.True(code == 0, stderr);
        var root = ParseJson(stdout.Trim());
        Assert.Equal("inproc-thr", root.GetProperty("role").GetString());
        Assert.Equal(50000, root.GetProperty("count").GetInt64());
        Assert.Equal(16, root.GetProperty("size").GetInt32());
        Assert.True(root.GetProperty("seconds").GetDouble() > 0);
    }

    [Fact]
    public async Task Inproc_latency_prints_round_trip_statistics()
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync("perf", "inproc-lat", "500", "64");

        Assert.True(code == 0, stderr);
        var root = ParseJson(stdout.Trim());
        Assert.Equal("inproc-lat", root.GetProperty("role").GetString());
        Assert.Equal(500, root.GetProperty("count").GetInt64());
        var median = root.GetProperty("rtt_us_median").GetDouble();
        Assert.True(median > 0);
        Assert.True(root.GetProperty("rtt_us_p99").GetDouble() >= median);
    }

    [Fact]
    public async Task Publisher_waits_for_every_subscriber_before_sending()
    {
        // Few messages, far below the high-water mark: with both subscribers counted before the first
        // send, each receives all of them (a publisher starting at the first subscription would not
        // reach the second).
        await using var sender = CliProcess.Start("perf", "pubsub-send", "tcp://127.0.0.1:*", "200", "16", "--subscribers", "2");
        var endpoint = await sender.BoundEndpointAsync();
        Assert.Equal("READY", await sender.ReadLineAsync());

        await using var first = CliProcess.Start("perf", "pubsub-recv", endpoint, "200", "16");
        await using var second = CliProcess.Start("perf", "pubsub-recv", endpoint, "200", "16");

        Assert.Equal(0, await first.WaitForExitAsync());
        Assert.Equal(0, await second.WaitForExitAsync());
        Assert.Equal(200, ParseJson(await first.ReadLineAsync()).GetProperty("count").GetInt64());
        Assert.Equal(200, ParseJson(await second.ReadLineAsync()).GetProperty("count").GetInt64());
        Assert.Equal(0, await sender.WaitForExitAsync(TimeSpan.FromSeconds(15)));
    }

    private static JsonElement ParseJson(string line)
    {
        using var json = JsonDocument.Parse(line);
        return json.RootElement.Clone();
    }
}
