namespace Zmtp.Fuzz.Tests;

/// <summary>
/// The saved fuzz inputs: <c>fuzz/corpus/TARGET/*</c> (seeds) and <c>fuzz/regressions/TARGET/*</c> (every crash or
/// hang afl-fuzz found), read from the work tree so a new regression file needs no project change.
/// </summary>
internal static class FuzzFiles
{
    public static readonly string Root = FindFuzzFolder();

    /// <summary>Every input as "corpus/TARGET/FILE" or "regressions/TARGET/FILE".</summary>
    public static IEnumerable<string> All() =>
        new[] { "corpus", "regressions" }
            .Select(kind => Path.Combine(Root, kind))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateDirectories)
            .SelectMany(Directory.EnumerateFiles)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static string TargetOf(string relative) => relative.Split('/')[1];

    public static byte[] Read(string relative) => File.ReadAllBytes(Path.Combine(Root, relative));

    private static string FindFuzzFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "fuzz");
            if (Directory.Exists(Path.Combine(candidate, "corpus")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No fuzz/corpus folder above {AppContext.BaseDirectory}.");
    }
}
