namespace Zmtp.Inproc;

/// <summary>A socket bound to an inproc name; unbinding ends every pipe made through it.</summary>
internal sealed class InprocBinding
{
    private readonly InprocRegistry _registry;
    private readonly CancellationTokenSource _stop;

    public InprocBinding(InprocRegistry registry, string name, ZmtpSocket socket, CancellationToken socketStopping)
    {
        _registry = registry;
        Name = name;
        Socket = socket;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(socketStopping);
    }

    public string Name { get; }

    public ZmtpSocket Socket { get; }

    /// <summary>Cancelled when the binding ends (unbind, or the socket's close after linger).</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>True while new connections may attach.</summary>
    public bool IsListening { get; private set; } = true;

    /// <summary>Stops taking new connections; existing pipes go on (the socket is lingering).</summary>
    public void StopListening()
    {
        IsListening = false;
        _registry.Unbind(this);
    }

    /// <summary>Unbind: no new connections, and existing pipes end.</summary>
    public void Stop()
    {
        StopListening();
        _stop.Cancel();
    }
}
