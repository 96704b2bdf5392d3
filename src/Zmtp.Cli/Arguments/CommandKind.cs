namespace Zmtp.Cli.Arguments;

/// <summary>The sub-command named by the first argument.</summary>
internal enum CommandKind
{
    Help,
    Recv,
    Send,
    Echo,
    Perf,
    Demo,
    Proxy,
    Monitor,
}
