namespace Streams.EchoServer;

internal static class Program
{
    private static Task<int> Main() => EchoServerSample.RunAsync(Console.Out);
}
