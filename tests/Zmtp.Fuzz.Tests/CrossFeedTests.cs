namespace Zmtp.Fuzz.Tests;

/// <summary>
/// Every seed through every in-memory target, not only its own: a greeting is a fine command body to
/// throw at the command reader, an option line a fine endpoint. Cheap extra coverage of the same rules.
/// </summary>
public sealed class CrossFeedTests
{
    public static TheoryData<string> InMemoryTargets()
    {
        var data = new TheoryData<string>();
        foreach (var target in FuzzTargets.All.Where(t => t.Name != "socket"))
        {
            data.Add(target.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InMemoryTargets))]
    public void EverySeed_IsHandledAsDocumented(string name)
    {
        var target = FuzzTargets.Find(name)!;
        foreach (var file in FuzzFiles.All().Where(f => f.StartsWith("corpus/", StringComparison.Ordinal)))
        {
            var input = FuzzFiles.Read(file);
            var thrown = Record.Exception(() => target.Run(input));
            Assert.True(thrown is null, $"{file} through {name}: {thrown}");
        }
    }
}
