using SharpFuzz;
using Zmtp.Fuzz;

// Usage:
//   Zmtp.Fuzz TARGET                      under afl-fuzz: persistent mode, input on stdin; alone: one input from stdin
//   Zmtp.Fuzz TARGET --replay PATH...     runs each file (folders: every file in them) and prints the outcome
//   Zmtp.Fuzz --seed FOLDER               (re)writes the seed corpus, FOLDER/TARGET/NAME
//   Zmtp.Fuzz --list                      the targets
// Replaced by afl-fuzz's shared memory when Fuzzer.Run starts under afl-fuzz.
TraceMap.InstallPrivate();

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: Zmtp.Fuzz TARGET [--replay PATH...] | --seed FOLDER | --list");
    return 2;
}

if (args[0] == "--list")
{
    foreach (var each in FuzzTargets.All)
    {
        Console.WriteLine($"{each.Name,-10} {(each.OutOfProcess ? "out-of-process" : "in-process"),-15} {each.Summary}");
    }

    return 0;
}

if (args[0] == "--seed" && args.Length == 2)
{
    var written = SeedCorpus.Write(args[1]);
    Console.WriteLine($"wrote {written} seed files under {args[1]}");
    return 0;
}

var target = FuzzTargets.Find(args[0]);
if (target is null)
{
    Console.Error.WriteLine($"unknown target '{args[0]}'; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
    return 2;
}

if (args.Length > 1 && args[1] == "--replay")
{
    return Replay.Run(target, args.Skip(2));
}

// Persistent mode: one process serves every input afl-fuzz sends. Targets that run async code or
// sockets go out of process, where SharpFuzz restarts a child that dies or is killed for a timeout.
Action<Stream> action = stream => target.Run(ReadAll(stream));
if (target.OutOfProcess)
{
    Fuzzer.OutOfProcess.Run(action);
}
else
{
    Fuzzer.Run(action);
}

return 0;

static byte[] ReadAll(Stream stream)
{
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    return memory.ToArray();
}
