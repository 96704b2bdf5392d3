using Zmtp.Cli.Arguments;
using Zmtp.Cli.Commands;

namespace Zmtp.Cli.Perf;

/// <summary>
/// inproc-thr (PUSH to PULL) and inproc-lat (REQ to REP): both ends in this process over <c>inproc://</c>,
/// running the same loops as the two-process roles, so the figures differ only by the transport.
/// </summary>
internal static class InprocRoles
{
    public static Task<int> ThroughputAsync(CliOptions options, CliContext context) =>
        RunPairAsync(
            options,
            "inproc://zmtp-perf-thr",
            peer => ThroughputRoles.SendAsync(peer, context, ZmtpSocketType.Push),
            measuring => ThroughputRoles.ReceiveAsync(measuring, context, ZmtpSocketType.Pull, "inproc-thr"));

    public static Task<int> LatencyAsync(CliOptions options, CliContext context) =>
        RunPairAsync(
            options,
            "inproc://zmtp-perf-lat",
            peer => LatencyRoles.ServeAsync(peer, context),
            measuring => LatencyRoles.MeasureAsync(measuring, context, "inproc-lat"));

    /// <summary>
    /// The measuring end binds and runs here; its peer connects from the thread pool (inproc allows either
    /// order). The result is the measuring end's exit code unless that succeeded and the peer's did not.
    /// </summary>
    private static async Task<int> RunPairAsync(
        CliOptions options,
        string address,
        Func<CliOptions, Task<int>> peer,
        Func<CliOptions, Task<int>> measuring)
    {
        var peerRun = Task.Run(() => peer(WithEndpoint(options, bind: false, address)));
        var result = await measuring(WithEndpoint(options, bind: true, address)).ConfigureAwait(false);
        var peerResult = await peerRun.ConfigureAwait(false);
        return result != ExitCodes.Success ? result : peerResult;
    }

    private static CliOptions WithEndpoint(CliOptions options, bool bind, string address) =>
        new()
        {
            Command = options.Command,
            PerfRole = options.PerfRole,
            Endpoints = [new EndpointSpec(bind, address)],
            PerfCount = options.PerfCount,
            PerfSize = options.PerfSize,
            TimeoutMs = options.TimeoutMs,
        };
}
