namespace Streams.EchoThroughput;

internal static class Program
{
    private static Task<int> Main(string[] args) =>
        EchoThroughputSample.RunAsync(Console.Out, args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200_000);
}
