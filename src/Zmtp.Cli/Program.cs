using Microsoft.Win32.SafeHandles;
using System.Runtime.InteropServices;
using Zmtp.Cli;
using Zmtp.Cli.Commands;
using Zmtp.Cli.Output;

using var interrupt = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => OnSignal(context, interrupt));
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => OnSignal(context, interrupt));
// A FileStream over descriptor 1 rather than Console's stream, which ignores EPIPE: a closed pipe must
// surface as an IOException so that `zmtp recv ... | head -1` ends.
using var stdout = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
return await CliApplication.RunAsync(args, new CliContext(new OutputSink(stdout, interrupt.Cancel), Console.Error, interrupt.Token)).ConfigureAwait(false);

// The first signal asks the command to stop cleanly; a second one terminates the process at once.
static void OnSignal(PosixSignalContext context, CancellationTokenSource interrupt)
{
    if (interrupt.IsCancellationRequested)
    {
        return;
    }

    context.Cancel = true;
    interrupt.Cancel();
}
