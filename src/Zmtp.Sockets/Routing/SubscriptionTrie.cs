using System.Diagnostics;

namespace Zmtp.Routing;

/// <summary>
/// Byte-prefix subscriptions with a count per prefix. A message matches when any held prefix is a prefix of
/// its first frame (RFC 29; the empty prefix matches everything). Not thread-safe.
/// </summary>
/// <remarks>
/// A radix tree: each edge carries a run of bytes, so a prefix of n octets costs about n octets and at most
/// two nodes, not a node per octet (which made one long subscription from a peer cost hundreds of times its
/// size), and adding or removing it is linear in its length.
/// </remarks>
internal sealed class SubscriptionTrie
{
    private readonly Node _root = new([]);

    /// <summary>Number of distinct prefixes held.</summary>
    public int Count { get; private set; }

    /// <summary>Octets of all distinct prefixes held (what a peer's subscriptions cost us).</summary>
    public long PrefixBytes { get; private set; }

    /// <summary>Adds one reference to <paramref name="prefix"/>; true if it was not held before.</summary>
    public bool Add(ReadOnlySpan<byte> prefix)
    {
        var node = _root;
        var rest = prefix;
        while (!rest.IsEmpty)
        {
            var index = node.IndexOf(rest[0]);
            if (index < 0)
            {
                var leaf = new Node(rest.ToArray());
                node.Insert(~index, leaf);
                node = leaf;
                break;
            }

            var child = node.Children![index];
            var common = rest.CommonPrefixLength(child.Label);
            if (common < child.Label.Length)
            {
                // Split the edge: a new node holds the shared part, the old child keeps the rest.
                var middle = new Node(child.Label[..common]);
                child.Label = child.Label[common..];
                middle.Insert(0, child);
                node.Children[index] = middle;
                child = middle;
            }

            node = child;
            rest = rest[common..];
        }

        node.References++;
        if (node.References != 1)
        {
            return false;
        }

        Count++;
        PrefixBytes += prefix.Length;
        return true;
    }

    /// <summary>Removes one reference; true if the prefix is no longer held. Unknown prefixes are ignored.</summary>
    public bool Remove(ReadOnlySpan<byte> prefix)
    {
        // The path from the root, so emptied nodes can be dropped and single-child ones merged on the way up.
        var path = new List<(Node Parent, int Index)>();
        var node = Find(prefix, path);
        if (node is null || node.References == 0)
        {
            return false;
        }

        node.References--;
        if (node.References > 0)
        {
            return false;
        }

        Count--;
        PrefixBytes -= prefix.Length;
        for (var level = path.Count - 1; level >= 0; level--)
        {
            var (parent, index) = path[level];
            var child = parent.Children![index];
            if (child.References > 0)
            {
                break;
            }

            if (child.ChildCount == 0)
            {
                parent.RemoveAt(index);
                continue;
            }

            if (child.ChildCount == 1)
            {
                // A node that holds nothing and has one way on is just part of that edge.
                var only = child.Children![0];
                only.Label = [.. child.Label, .. only.Label];
                parent.Children[index] = only;
            }

            break;
        }

        return true;
    }

    /// <summary>True when the prefix is held (count above zero).</summary>
    public bool Contains(ReadOnlySpan<byte> prefix) => Find(prefix, path: null)?.References > 0;

    /// <summary>True when some held prefix is a prefix of <paramref name="data"/>.</summary>
    public bool Matches(ReadOnlySpan<byte> data)
    {
        var node = _root;
        while (true)
        {
            if (node.References > 0)
            {
                return true;
            }

            if (data.IsEmpty)
            {
                return false;
            }

            var index = node.IndexOf(data[0]);
            if (index < 0)
            {
                return false;
            }

            node = node.Children![index];
            if (!data.StartsWith(node.Label))
            {
                return false;
            }

            data = data[node.Label.Length..];
        }
    }

    /// <summary>Every held prefix, once each.</summary>
    public List<byte[]> ToList()
    {
        var result = new List<byte[]>(Count);
        var path = new List<byte>();
        Collect(_root, path, result);
        return result;
    }

    /// <summary>The node that ends exactly at <paramref name="prefix"/>, or null; records the way down in
    /// <paramref name="path"/> when given.</summary>
    private Node? Find(ReadOnlySpan<byte> prefix, List<(Node Parent, int Index)>? path)
    {
        var node = _root;
        while (!prefix.IsEmpty)
        {
            var index = node.IndexOf(prefix[0]);
            if (index < 0 || !prefix.StartsWith(node.Children![index].Label))
            {
                return null;
            }

            path?.Add((node, index));
            node = node.Children[index];
            prefix = prefix[node.Label.Length..];
        }

        return node;
    }

    private static void Collect(Node node, List<byte> path, List<byte[]> result)
    {
        path.AddRange(node.Label);
        if (node.References > 0)
        {
            result.Add([.. path]);
        }

        for (var i = 0; i < node.ChildCount; i++)
        {
            Collect(node.Children![i], path, result);
        }

        path.RemoveRange(path.Count - node.Label.Length, node.Label.Length);
    }

    /// <summary>One node: the edge label that leads to it, its count, and its children sorted by the first
    /// octet of their labels (no two share one).</summary>
    private sealed class Node(byte[] label)
    {
        public byte[] Label = label;
        public int References;
        public Node[]? Children;
        public int ChildCount;

        /// <summary>The index of the child whose label starts with <paramref name="first"/>, or the bitwise
        /// complement of where it would go.</summary>
        public int IndexOf(byte first)
        {
            int low = 0, high = ChildCount - 1;
            while (low <= high)
            {
                var middle = (low + high) >>> 1;
                var key = Children![middle].Label[0];
                if (key == first)
                {
                    return middle;
                }

                if (key < first)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return ~low;
        }

        public void Insert(int index, Node child)
        {
            Debug.Assert(child.Label.Length > 0, "Only the root has an empty label.");
            Children ??= new Node[2];
            if (ChildCount == Children.Length)
            {
                Array.Resize(ref Children, ChildCount * 2);
            }

            Array.Copy(Children, index, Children, index + 1, ChildCount - index);
            Children[index] = child;
            ChildCount++;
        }

        public void RemoveAt(int index)
        {
            ChildCount--;
            Array.Copy(Children!, index + 1, Children!, index, ChildCount - index);
            Children![ChildCount] = null!;
        }
    }
}
