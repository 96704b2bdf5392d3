using static Zmtp.Interop.Tests.Sockets.InteropAssert;
using Zmtp.Interop.Tests.Support;

namespace Zmtp.Interop.Tests.Pairs;

/// <summary>The symmetric exchange DEALER↔DEALER and PAIR↔PAIR share: each side sends, the other receives, in order.</summary>
internal static class TwoWay
{
    public static async Task ExchangeAsync(IInteropSocket a, IInteropSocket b)
    {
        await a.SendAsync("a1", "", "tail");
        await a.SendAsync("");
        Assert.Equal(["a1", "", "tail"], await b.ReceiveStringsAsync());
        Assert.Equal([""], await b.ReceiveStringsAsync());

        await b.SendAsync("b1", "", "tail");
        await b.SendAsync("b2");
        Assert.Equal(["b1", "", "tail"], await a.ReceiveStringsAsync());
        Assert.Equal(["b2"], await a.ReceiveStringsAsync());
    }
}
