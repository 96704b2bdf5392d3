using System.Net.Sockets;
using Zmtp.Cli.Arguments;
using Zmtp.Cli.Commands;
using Zmtp.Cli.Demo;
using Zmtp.Cli.Perf;

namespace Zmtp.Cli;

/// <summary>Parses the command line, runs the command and turns failures into the contract's exit codes.</summary>
internal static class CliApplication
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        if (args.Count == 0)
        {
            await context.Stderr.WriteLineAsync(Usage.Text).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        CliOptions options;
        try
        {
            options = ArgumentParser.Parse(args);
        }
        catch (UsageException e)
        {
            context.Diagnostic(e.Message);
            return ExitCodes.Usage;
        }

        try
        {
            return options.Command switch
            {
                CommandKind.Help => Help(context),
                CommandKind.Recv => await RecvCommand.RunAsync(options, context).ConfigureAwait(false),
                CommandKind.Send => await SendCommand.RunAsync(options, context).ConfigureAwait(false),
                CommandKind.Echo => await EchoCommand.RunAsync(options, context).ConfigureAwait(false),
                CommandKind.Perf => await PerfCommand.RunAsync(options, context).ConfigureAwait(false),
                CommandKind.Proxy => await ProxyCommand.RunAsync(options, context).ConfigureAwait(false),
                CommandKind.Monitor => await MonitorCommand.RunAsync(options, context).ConfigureAwait(false),
                _ => await DemoCommand.RunAsync(context).ConfigureAwait(false),
            };
        }
        catch (UsageException e)
        {
            // Option names and values are checked by the socket itself, once it exists (before any bind).
            context.Diagnostic(e.Message);
            return ExitCodes.Usage;
        }
        catch (ZmtpException e) when (e.Error == ZmtpError.InvalidEndpoint)
        {
            context.Diagnostic(e.Message);
            return ExitCodes.Usage;
        }
        catch (ZmtpException e)
        {
            context.Diagnostic(e.Message);
            return ExitCodes.ConnectionFailure;
        }
        catch (SocketException e)
        {
            context.Diagnostic(e.Message);
            return ExitCodes.ConnectionFailure;
        }
        catch (TimeoutException e)
        {
            context.Diagnostic(e.Message);
            return ExitCodes.Timeout;
        }
        catch (OperationCanceledException) when (context.Interrupt.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
    }

    private static int Help(CliContext context)
    {
        context.Stdout.WriteLine(Usage.Text);
        return ExitCodes.Success;
    }
}
