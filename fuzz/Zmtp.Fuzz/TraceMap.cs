using System.Runtime.InteropServices;

namespace Zmtp.Fuzz;

/// <summary>
/// The instrumented Zmtp assemblies count every branch in SharpFuzz's coverage map, a raw pointer that only
/// Fuzzer.Run sets (to afl-fuzz's shared memory). Outside afl-fuzz (replaying findings, writing the seed
/// corpus) it would be null and the first branch would crash the process, so a private map stands in.
/// </summary>
internal static class TraceMap
{
    private const int MapSize = 1 << 16;

    public static unsafe void InstallPrivate()
    {
        if (SharpFuzz.Common.Trace.SharedMem == null)
        {
            SharpFuzz.Common.Trace.SharedMem = (byte*)NativeMemory.AllocZeroed(MapSize);
        }
    }
}
