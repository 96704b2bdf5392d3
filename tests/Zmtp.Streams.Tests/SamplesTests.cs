using Streams.AsyncSub;
using Streams.EchoServer;
using Streams.EchoThroughput;
using Streams.FlushPriority;
using Streams.PauseResume;
using Streams.TwoPorts;

namespace Zmtp.Streams.Tests;

/// <summary>Each sample runs in-process, ends by itself, and prints what the seed's example shows.</summary>
public sealed class SamplesTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Echo_server_echoes_every_request()
    {
        var output = new StringWriter();
        Assert.Equal(0, await EchoServerSample.RunAsync(output).WaitAsync(Limit));
        var text = output.ToString();
        for (var i = 1; i <= 5; i++)
        {
            Assert.Contains($"request {i}: echoed [hello {i} | second frame]", text);
        }
    }

    [Fact]
    public async Task Two_streams_share_one_callback()
    {
        var output = new StringWriter();
        Assert.Equal(0, await TwoPortsSample.RunAsync(output).WaitAsync(Limit));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var served = lines.Where(line => line.StartsWith("ping", StringComparison.Ordinal)).ToArray();
        Assert.Equal(6, served.Length);
        Assert.Equal(2, served.Select(line => line[(line.IndexOf("served by ", StringComparison.Ordinal) + 10)..]).Distinct().Count());
    }

    [Fact]
    public async Task Async_sub_loop_receives_on_the_loop()
    {
        var output = new StringWriter();
        Assert.Equal(0, await AsyncSubSample.RunAsync(output).WaitAsync(Limit));
        var text = output.ToString();
        Assert.Equal(5, text.Split('\n').Count(line => line.Contains("received [news | update", StringComparison.Ordinal) && line.Contains("(on the loop)", StringComparison.Ordinal)));
        Assert.Contains("done: 5 messages", text);
    }

    [Fact]
    public async Task Pause_and_resume_loses_nothing()
    {
        var output = new StringWriter();
        Assert.Equal(0, await PauseResumeSample.RunAsync(output).WaitAsync(Limit));
        var text = output.ToString();
        Assert.Contains("paused (IsReceiving = False)", text);
        Assert.Contains("resumed", text);
        Assert.Contains("done: 10 messages, in order: True", text);
        Assert.True(text.IndexOf("received 3", StringComparison.Ordinal) < text.IndexOf("paused", StringComparison.Ordinal));
        Assert.True(text.IndexOf("resumed", StringComparison.Ordinal) < text.IndexOf("received 4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Flush_serves_the_urgent_stream_first()
    {
        var output = new StringWriter();
        Assert.Equal(0, await FlushPrioritySample.RunAsync(output).WaitAsync(Limit));
        var text = output.ToString();
        Assert.Contains("flushed", text);
        Assert.Contains("done: 10 messages", text);

        // The first handled message is urgent although the bulk stream was dispatched first.
        var first = text.Split('\n').First(line => line.StartsWith("handled", StringComparison.Ordinal));
        Assert.StartsWith("handled urgent", first);
    }

    [Fact]
    public async Task Echo_throughput_measures_both_styles()
    {
        var output = new StringWriter();
        Assert.Equal(0, await EchoThroughputSample.RunAsync(output, 2000).WaitAsync(TimeSpan.FromSeconds(60)));
        var text = output.ToString();
        Assert.Contains("stream (copy: false):", text);
        Assert.Contains("awaitable API:", text);
        Assert.Contains("ratio stream/awaitable:", text);
    }
}
