namespace Streams.PauseResume;

internal static class Program
{
    private static Task<int> Main() => PauseResumeSample.RunAsync(Console.Out);
}
