namespace Zmtp.Inproc;

/// <summary>
/// The inproc names of one context: which socket is bound to each, and which connected endpoints wait for
/// it. Bind and connect work in either order: a connector registered first is attached when the name is bound.
/// </summary>
internal sealed class InprocRegistry
{
    private readonly object _sync = new();
    private readonly Dictionary<string, InprocBinding> _bound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<InprocConnector>> _connectors = new(StringComparer.Ordinal);

    public InprocBinding Bind(string name, ZmtpSocket socket, CancellationToken socketStopping)
    {
        InprocBinding binding;
        InprocConnector[] waiting;
        lock (_sync)
        {
            if (_bound.ContainsKey(name))
            {
                throw new ZmtpException(ZmtpError.AddressInUse, $"Cannot bind inproc://{name}: the name is already bound in this context.");
            }

            binding = new InprocBinding(this, name, socket, socketStopping);
            _bound.Add(name, binding);
            waiting = _connectors.TryGetValue(name, out var list) ? [.. list] : [];
        }

        foreach (var connector in waiting)
        {
            connector.Attach(binding);
        }

        return binding;
    }

    public void Unbind(InprocBinding binding)
    {
        lock (_sync)
        {
            if (_bound.TryGetValue(binding.Name, out var current) && current == binding)
            {
                _bound.Remove(binding.Name);
            }
        }
    }

    public void AddConnector(InprocConnector connector)
    {
        InprocBinding? binding;
        lock (_sync)
        {
            if (!_connectors.TryGetValue(connector.Name, out var list))
            {
                list = [];
                _connectors.Add(connector.Name, list);
            }

            list.Add(connector);
            _bound.TryGetValue(connector.Name, out binding);
        }

        if (binding is not null)
        {
            connector.Attach(binding);
        }
    }

    public void RemoveConnector(InprocConnector connector)
    {
        lock (_sync)
        {
            if (_connectors.TryGetValue(connector.Name, out var list))
            {
                list.Remove(connector);
                if (list.Count == 0)
                {
                    _connectors.Remove(connector.Name);
                }
            }
        }
    }
}
