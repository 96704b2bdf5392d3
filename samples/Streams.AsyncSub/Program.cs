namespace Streams.AsyncSub;

internal static class Program
{
    private static Task<int> Main() => AsyncSubSample.RunAsync(Console.Out);
}
