using Zmtp.Core;

namespace Zmtp.Inproc;

/// <summary>
/// A socket's connection to an inproc name. Like a tcp connector it owns a persistent peer whose queue exists
/// from the connect on; each time the name is bound, a pipe joins that peer to a new peer of the bound socket.
/// </summary>
internal sealed class InprocConnector
{
    private readonly ZmtpSocket _socket;
    private readonly CancellationTokenSource _stop;
    private readonly object _sync = new();
    private Task _current = Task.CompletedTask;

    public InprocConnector(ZmtpSocket socket, string name, string text, CancellationToken socketStopping)
    {
        _socket = socket;
        Name = name;
        Text = text;
        Peer = new Peer(socket, text, persistent: true);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(socketStopping);
    }

    public string Name { get; }

    /// <summary>The endpoint as the application gave it.</summary>
    public string Text { get; }

    public Peer Peer { get; }

    /// <summary>Completes when the current pipe (if any) has ended.</summary>
    public Task Completion
    {
        get
        {
            lock (_sync)
            {
                return _current;
            }
        }
    }

    /// <summary>Joins this endpoint to a newly bound socket.</summary>
    public void Attach(InprocBinding binding)
    {
        lock (_sync)
        {
            if (_stop.IsCancellationRequested || !binding.IsListening)
            {
                return;
            }

            // One pipe at a time: the next one starts when the previous has ended.
            var previous = _current;
            _current = Task.Run(async () =>
            {
                await previous.ConfigureAwait(false);
                await InprocPipe.RunAsync(_socket, Peer, binding, _stop.Token).ConfigureAwait(false);
            });
        }
    }

    /// <summary>Disconnect, or the socket's close after linger.</summary>
    public Task StopAsync()
    {
        _stop.Cancel();
        _socket.Context.Inproc.RemoveConnector(this);
        return Completion;
    }
}
