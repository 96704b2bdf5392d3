namespace Zmtp.Sockets.Tests.Support;

/// <summary>Tests that measure the whole process (managed heap, threads, descriptors) run alone, after the
/// parallel ones, so other tests' allocations do not show up in their figures.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial (process-wide measurements)";
}
