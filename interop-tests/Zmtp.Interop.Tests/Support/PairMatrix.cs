namespace Zmtp.Interop.Tests.Support;

/// <summary>The side × role × transport combinations every pair test runs under.</summary>
public static class PairMatrix
{
    /// <summary>For a pair of different types: our socket on either end, binding or connecting, every transport.</summary>
    public static TheoryData<OurSide, OurRole, TransportCase> BothSides => Build([OurSide.A, OurSide.B]);

    /// <summary>For a pair of one type (DEALER↔DEALER, …): the ends are interchangeable, so only role × transport.</summary>
    public static TheoryData<OurSide, OurRole, TransportCase> OneSide => Build([OurSide.A]);

    private static TheoryData<OurSide, OurRole, TransportCase> Build(OurSide[] sides)
    {
        var data = new TheoryData<OurSide, OurRole, TransportCase>();
        foreach (var side in sides)
        {
            foreach (var role in Enum.GetValues<OurRole>())
            {
                foreach (var transport in Enum.GetValues<TransportCase>())
                {
                    data.Add(side, role, transport);
                }
            }
        }

        return data;
    }
}
