namespace Zmtp.Routing;

/// <summary>
/// Byte-prefix subscriptions with a count per prefix. A message matches when any held prefix is a prefix of
/// its first frame (RFC 29; the empty prefix matches everything). Not thread-safe.
/// </summary>
internal sealed class SubscriptionTrie
{
    private readonly Node _root = new();

    /// <summary>Number of distinct prefixes held.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one reference to <paramref name="prefix"/>; true if it was not held before.</summary>
    public bool Add(ReadOnlySpan<byte> prefix)
    {
        var node = _root;
        foreach (var b in prefix)
        {
            node.Children ??= [];
            if (!node.Children.TryGetValue(b, out var child))
            {
                child = new Node();
                node.Children[b] = child;
            }

            node = child;
        }

        node.References++;
        if (node.References == 1)
        {
            Count++;
            return true;
        }

        return false;
    }

    /// <summary>Removes one reference; true if the prefix is no longer held. Unknown prefixes are ignored.</summary>
    public bool Remove(ReadOnlySpan<byte> prefix)
    {
        var node = _root;
        foreach (var b in prefix)
        {
            if (node.Children is null || !node.Children.TryGetValue(b, out node))
            {
                return false;
            }
        }

        if (node.References == 0)
        {
            return false;
        }

        node.References--;
        if (node.References == 0)
        {
            Count--;
            Prune(prefix);
            return true;
        }

        return false;
    }

    /// <summary>True when the prefix is held (count above zero).</summary>
    public bool Contains(ReadOnlySpan<byte> prefix)
    {
        var node = Find(prefix);
        return node is not null && node.References > 0;
    }

    /// <summary>True when some held prefix is a prefix of <paramref name="data"/>.</summary>
    public bool Matches(ReadOnlySpan<byte> data)
    {
        var node = _root;
        if (node.References > 0)
        {
            return true;
        }

        foreach (var b in data)
        {
            if (node.Children is null || !node.Children.TryGetValue(b, out node))
            {
                return false;
            }

            if (node.References > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every held prefix, once each.</summary>
    public List<byte[]> ToList()
    {
        var result = new List<byte[]>(Count);
        var path = new List<byte>();
        Collect(_root, path, result);
        return result;
    }

    private static void Collect(Node node, List<byte> path, List<byte[]> result)
    {
        if (node.References > 0)
        {
            result.Add([.. path]);
        }

        if (node.Children is null)
        {
            return;
        }

        foreach (var (b, child) in node.Children)
        {
            path.Add(b);
            Collect(child, path, result);
            path.RemoveAt(path.Count - 1);
        }
    }

    private Node? Find(ReadOnlySpan<byte> prefix)
    {
        var node = _root;
        foreach (var b in prefix)
        {
            if (node.Children is null || !node.Children.TryGetValue(b, out node))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Drops nodes that no longer lead to a held prefix, so matching stays short.</summary>
    private void Prune(ReadOnlySpan<byte> prefix)
    {
        for (var length = prefix.Length; length > 0; length--)
        {
            var parent = Find(prefix[..(length - 1)])!;
            var key = prefix[length - 1];
            var child = parent.Children![key];
            if (child.References > 0 || (child.Children is not null && child.Children.Count > 0))
            {
                return;
            }

            parent.Children.Remove(key);
        }
    }

    private sealed class Node
    {
        public int References;
        public Dictionary<byte, Node>? Children;
    }
}
