namespace Zmtp.Fuzz;

/// <summary>Runs saved inputs (afl findings, regressions, the corpus) through a target and prints each outcome.</summary>
internal static class Replay
{
    public static int Run(FuzzTarget target, IEnumerable<string> paths)
    {
        var files = paths
            .SelectMany<string, string>(p => Directory.Exists(p) ? Directory.EnumerateFiles(p).Order(StringComparer.Ordinal) : [p])
            .Where(f => !Path.GetFileName(f).StartsWith('.') && !Path.GetFileName(f).Equals("README.txt", StringComparison.Ordinal))
            .ToList();
        var failed = 0;
        foreach (var file in files)
        {
            var input = File.ReadAllBytes(file);
            try
            {
                target.Run(input);
                Console.WriteLine($"ok    {file}");
            }
#pragma warning disable CA1031 // Reporting every exception is the point of a replay.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failed++;
                Console.WriteLine($"FAIL  {file} ({input.Length} octets: {Convert.ToHexString(input.AsSpan(0, Math.Min(input.Length, 64)))}{(input.Length > 64 ? "..." : "")})");
                Console.WriteLine(ex.ToString());
            }
        }

        Console.WriteLine($"{target.Name}: {files.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
