namespace Zmtp.Cli.Arguments;

/// <summary>The roles of <c>zmtp perf</c>, after libzmq's local_thr/remote_thr/local_lat/remote_lat.</summary>
internal enum PerfRole
{
    ThroughputReceiver,
    ThroughputSender,
    LatencyServer,
    LatencyClient,
    PubSubSender,
    PubSubReceiver,
    RouterReceiver,
    DealerSender,
    InprocThroughput,
    InprocLatency,
}
