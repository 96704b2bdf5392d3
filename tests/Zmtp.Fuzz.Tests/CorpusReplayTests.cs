namespace Zmtp.Fuzz.Tests;

/// <summary>
/// Replays every saved fuzz input through its target: the target returns normally when the code under test
/// handled the input as documented, and throws for a bug (any other exception, a broken property, a hang).
/// </summary>
public sealed class CorpusReplayTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var file in FuzzFiles.All())
        {
            data.Add(file);
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
