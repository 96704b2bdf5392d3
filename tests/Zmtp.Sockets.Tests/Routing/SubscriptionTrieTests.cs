using Zmtp.Routing;

namespace Zmtp.Sockets.Tests.Routing;

/// <summary>The radix subscription trie against a plain model: a multiset of prefixes matched naively.</summary>
public sealed class SubscriptionTrieTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Random_adds_and_removes_agree_with_a_naive_model(int seed)
    {
        var random = new Random(seed);
        var trie = new SubscriptionTrie();
        var model = new Dictionary<string, int>();

        // A small alphabet and short prefixes, so edges split, merge and share a lot.
        string RandomPrefix() => new([.. Enumerable.Range(0, random.Next(0, 6)).Select(_ => (char)('a' + random.Next(3)))]);
        static byte[] Bytes(string text) => System.Text.Encoding.ASCII.GetBytes(text);

        for (var step = 0; step < 5000; step++)
        {
            var prefix = RandomPrefix();
            model.TryGetValue(prefix, out var count);
            if (random.Next(3) == 0 || count == 0)
            {
                Assert.Equal(count == 0, trie.Add(Bytes(prefix)));
                model[prefix] = count + 1;
            }
            else
            {
                Assert.Equal(count == 1, trie.Remove(Bytes(prefix)));
                model[prefix] = count - 1;
            }

            var held = model.Where(p => p.Value > 0).Select(p => p.Key).ToHashSet();
            Assert.Equal(held.Count, trie.Count);
            Assert.Equal(held.Sum(p => (long)p.Length), trie.PrefixBytes);
            var data = RandomPrefix() + RandomPrefix();
            Assert.Equal(held.Any(data.StartsWith), trie.Matches(Bytes(data)));
            Assert.Equal(held.Contains(prefix), trie.Contains(Bytes(prefix)));
        }

        var expected = model.Where(p => p.Value > 0).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
        var listed = trie.ToList().Select(System.Text.Encoding.ASCII.GetString).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, listed);
    }

    [Fact]
    public void Removing_an_unknown_or_partial_prefix_changes_nothing()
    {
        var trie = new SubscriptionTrie();
        trie.Add("abcdef"u8);
        Assert.False(trie.Remove("abc"u8));
        Assert.False(trie.Remove("abcdefg"u8));
        Assert.False(trie.Remove("x"u8));
        Assert.True(trie.Matches("abcdefgh"u8));
        Assert.False(trie.Matches("abcde"u8));
        Assert.True(trie.Remove("abcdef"u8));
        Assert.Equal(0, trie.Count);
        Assert.False(trie.Matches("abcdefgh"u8));
    }

    [Fact]
    public void The_empty_prefix_matches_everything()
    {
        var trie = new SubscriptionTrie();
        Assert.False(trie.Matches(""u8));
        trie.Add(""u8);
        Assert.True(trie.Matches(""u8));
        Assert.True(trie.Matches("anything"u8));
    }
}
