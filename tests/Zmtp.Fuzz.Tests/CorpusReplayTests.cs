namespace Zmtp.Fuzz.Tests;

/// <summary>
/// Replays every saved fuzz input through its target: the target returns normally when the code under test
/// handled the input as documented, and throws for a bug (any other exception, a broken property, a hang).
/// </summary>
public sealed class CorpusReplayTests
{
    public static TheoryData<string> Inputs()
    {
        var known = FuzzFiles.KnownBugs();
        var data = new TheoryData<string>();
        foreach (var file in FuzzFiles.All().Where(f => !known.ContainsKey(f["regressions/".Length..])))
        {
            data.Add(file);
        }

        return data;
    }

    public static TheoryData<string> KnownBugs()
    {
        var data = new TheoryData<string>();
        foreach (var entry in FuzzFiles.KnownBugs().Keys.Order(StringComparer.Ordinal))
        {
            data.Add(entry);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Input_IsHandledAsDocumented(string file)
    {
        var target = FuzzTargets.Find(FuzzFiles.TargetOf(file));
        Assert.NotNull(target);
        target.Run(FuzzFiles.Read(file));
    }

    /// <summary>
    /// A regression whose bug is not fixed yet still fails the same way; once it is fixed this test says so,
    /// and its line in fuzz/regressions/KNOWN-BUGS goes, which makes the file an ordinary regression above.
    /// </summary>
    [Theory]
    [MemberData(nameof(KnownBugs))]
    public void KnownBug_StillFailsTheSameWay(string entry)
    {
        var expected = FuzzFiles.KnownBugs()[entry];
        var file = "regressions/" + entry;
        Assert.True(File.Exists(Path.Combine(FuzzFiles.Root, file)), $"KNOWN-BUGS names {file}, which does not exist.");
        var target = FuzzTargets.Find(FuzzFiles.TargetOf(file));
        Assert.NotNull(target);

        var thrown = Record.Exception(() => target.Run(FuzzFiles.Read(file)));
        Assert.True(thrown is not null, $"{file} no longer fails: the bug is fixed, so remove its line from fuzz/regressions/KNOWN-BUGS.");
        Assert.Equal(expected, thrown.GetType().FullName);
    }

    [Fact]
    public void EveryTarget_HasSeeds()
    {
        var files = FuzzFiles.All().ToList();
        foreach (var target in FuzzTargets.All)
        {
            Assert.Contains(files, f => f.StartsWith($"corpus/{target.Name}/", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void EveryFolder_NamesATarget()
    {
        foreach (var file in FuzzFiles.All())
        {
            Assert.True(FuzzTargets.Find(FuzzFiles.TargetOf(file)) is not null, $"{file}: no fuzz target of that name.");
        }
    }
}
