namespace Streams.FlushPriority;

internal static class Program
{
    private static Task<int> Main() => FlushPrioritySample.RunAsync(Console.Out);
}
