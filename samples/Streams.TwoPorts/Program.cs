namespace Streams.TwoPorts;

internal static class Program
{
    private static Task<int> Main() => TwoPortsSample.RunAsync(Console.Out);
}
