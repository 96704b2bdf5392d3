namespace Zmtp.Cli.Arguments;

/// <summary>Everything the command line asked for; which members matter depends on <see cref="Command"/>.</summary>
internal sealed class CliOptions
{
    public CommandKind Command { get; init; }

    /// <summary>The socket type of recv/send/echo.</summary>
    public ZmtpSocketType SocketType { get; init; }

    public IReadOnlyList<EndpointSpec> Endpoints { get; init; } = [];

    /// <summary>--identity and --option settings, in the order they apply (identity first).</summary>
    public IReadOnlyList<OptionSetting> Settings { get; init; } = [];

    /// <summary>proxy: the backend socket type (<see cref="SocketType"/> is the frontend's).</summary>
    public ZmtpSocketType BackendType { get; init; }

    /// <summary>proxy: the backend endpoints (<see cref="Endpoints"/> are the frontend's).</summary>
    public IReadOnlyList<EndpointSpec> BackendEndpoints { get; init; } = [];

    /// <summary>-n: how many messages; null means the default (run until interrupted, or 1 for send).</summary>
    public int? Count { get; init; }

    /// <summary>--timeout in milliseconds, or null for no limit.</summary>
    public int? TimeoutMs { get; init; }

    /// <summary>--interval in milliseconds (send).</summary>
    public int IntervalMs { get; init; }

    /// <summary>--hex: print every frame as hex.</summary>
    public bool Hex { get; init; }

    /// <summary>--subscribe prefixes (SUB/XSUB); empty means "subscribe to everything".</summary>
    public IReadOnlyList<byte[]> Subscriptions { get; init; } = [];

    /// <summary>The frames of the message to send.</summary>
    public IReadOnlyList<byte[]> Frames { get; init; } = [];

    public PerfRole PerfRole { get; init; }

    /// <summary>perf COUNT.</summary>
    public int PerfCount { get; init; }

    /// <summary>perf SIZE in bytes.</summary>
    public int PerfSize { get; init; }

    /// <summary>perf pubsub-send --subscribers: how many subscriptions to wait for before sending.</summary>
    public int PerfSubscribers { get; init; } = 1;
}
