namespace Zmtp;

/// <summary>Socket readiness, with libzmq's bit values (ZMQ_POLLIN = 1, ZMQ_POLLOUT = 2).</summary>
[Flags]
public enum PollEvents
{
    /// <summary>Nothing is ready.</summary>
    None = 0,

    /// <summary>A message can be received now.</summary>
    In = 1,

    /// <summary>A message can be sent now without waiting.</summary>
    Out = 2,
}
