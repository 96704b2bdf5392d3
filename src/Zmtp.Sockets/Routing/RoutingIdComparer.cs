namespace Zmtp.Routing;

/// <summary>Compares routing ids by content.</summary>
internal sealed class RoutingIdComparer : IEqualityComparer<ReadOnlyMemory<byte>>
{
    public static readonly RoutingIdComparer Instance = new();

    public bool Equals(ReadOnlyMemory<byte> x, ReadOnlyMemory<byte> y) => x.Span.SequenceEqual(y.Span);

    public int GetHashCode(ReadOnlyMemory<byte> obj)
    {
        var hash = new HashCode();
        hash.AddBytes(obj.Span);
        return hash.ToHashCode();
    }
}
