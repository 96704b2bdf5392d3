namespace Zmtp.Fuzz.Tests;

/// <summary>
/// The saved fuzz inputs: <c>fuzz/corpus/TARGET/*</c> (seeds) and <c>fuzz/regressions/TARGET/*</c> (every crash or
/// hang afl-fuzz found), read from the work tree so a new regression file needs no project change.
/// </summary>
internal static class FuzzFiles
{
    public static readonly string Root = FindFuzzFolder();

    /// <summary>Regressions of bugs not fixed yet: <c>TARGET/FILE EXCEPTION-TYPE why</c> per line.</summary>
    public static readonly string KnownBugsFile = Path.Combine(Root, "regressions", "KNOWN-BUGS");

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

    /// <summary>KNOWN-BUGS entries by "TARGET/FILE": the exception type the input still raises.</summary>
    public static IReadOnlyDictionary<string, string> KnownBugs()
    {
        var bugs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(KnownBugsFile))
        {
            return bugs;
        }

        foreach (var line in File.ReadLines(KnownBugsFile))
        {
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var parts = text.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
            {
                throw new FormatException($"{KnownBugsFile}: expected 'TARGET/FILE EXCEPTION-TYPE why', got '{line}'.");
            }

            bugs.Add(parts[0], parts[1]);
        }

        return bugs;
    }

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
