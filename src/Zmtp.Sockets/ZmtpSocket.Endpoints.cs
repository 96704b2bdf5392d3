using System.Net.Sockets;
using Zmtp.Core;
using Zmtp.Inproc;
using Zmtp.Transport;

namespace Zmtp;

/// <content>Binding, connecting and their reversal.</content>
public abstract partial class ZmtpSocket
{
    private readonly List<Acceptor> _acceptors = [];
    private readonly List<Connector> _connectors = [];
    private readonly List<InprocBinding> _inprocBindings = [];
    private readonly List<InprocConnector> _inprocConnectors = [];
    private volatile string? _lastEndpoint;

    /// <summary>The last endpoint bound or connected, resolved (<c>tcp://127.0.0.1:43209</c> for a bind of
    /// <c>tcp://127.0.0.1:*</c>); libzmq's LAST_ENDPOINT.</summary>
    public string? LastEndpoint => _lastEndpoint;

    /// <summary>Listens on an endpoint: <c>tcp://127.0.0.1:*</c>, <c>tcp://*:5555</c>, <c>tcp://[::1]:*</c>,
    /// <c>ipc:///tmp/feed</c>. A port of <c>*</c> or <c>0</c> lets the OS choose one.</summary>
    /// <param name="endpoint">The endpoint to bind.</param>
    /// <returns>The resolved endpoint, with the port actually bound.</returns>
    /// <exception cref="ZmtpException">The endpoint is invalid or cannot be bound (address in use, …).</exception>
    public string Bind(string endpoint)
    {
        ThrowIfDisposed();
        var parsed = Parse(endpoint);
        if (parsed.Kind == TransportKind.Inproc)
        {
            var binding = Context.Inproc.Bind(parsed.Path, this, _stopping.Token);
            lock (Sync)
            {
                // A close that started meanwhile has already taken its list of bindings.
                if (IsDisposed)
                {
                    binding.Stop();
                    throw Disposed();
                }

                _inprocBindings.Add(binding);
            }

            _lastEndpoint = parsed.ToString();
            return _lastEndpoint;
        }

        ZmtpListener listener;
        try
        {
            listener = ZmtpTransport.Listen(parsed, CreateTransportOptions());
        }
        catch (SocketException ex)
        {
            var error = ex.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => ZmtpError.AddressInUse,
                SocketError.AddressNotAvailable => ZmtpError.AddressNotAvailable,
                _ => ZmtpError.SocketError,
            };
            Monitor.Emit(SocketEventType.BindFailed, endpoint, error switch
            {
                ZmtpError.AddressInUse => 98, // Linux EADDRINUSE, as libzmq reports it
                ZmtpError.AddressNotAvailable => 99,
                _ => ex.ErrorCode,
            }, ex.Message);
            throw new ZmtpException(error, $"Cannot bind {endpoint}: {ex.Message}", ex);
        }
        catch (NotSupportedException ex)
        {
            throw new ZmtpException(ZmtpError.ProtocolNotSupported, $"Cannot bind {endpoint}: {ex.Message}", ex);
        }

        var acceptor = new Acceptor(this, listener, endpoint, _stopping.Token);
        bool added;
        lock (Sync)
        {
            // A close that started meanwhile has already taken its list of acceptors: the port must not
            // stay bound behind it.
            added = !IsDisposed;
            if (added)
            {
                _acceptors.Add(acceptor);
            }
        }

        if (!added)
        {
            // A tcp or ipc listener closes synchronously; the task is only watched, never waited on here.
            _ = listener.DisposeAsync().AsTask();
            throw Disposed();
        }

        acceptor.Start();
        Monitor.Emit(SocketEventType.Listening, acceptor.Endpoint);
        _lastEndpoint = acceptor.Endpoint;
        return acceptor.Endpoint;
    }

    /// <summary>Connects to an endpoint. Returns at once: the connection is made in the background and
    /// remade after every drop, so connecting before the peer binds works.</summary>
    /// <param name="endpoint">The endpoint to connect to, such as <c>tcp://localhost:5555</c>.</param>
    /// <exception cref="ZmtpException">The endpoint is invalid or its transport is not supported.</exception>
    public void Connect(string endpoint)
    {
        ThrowIfDisposed();
        var parsed = Parse(endpoint);
        if (parsed.Kind == TransportKind.Inproc)
        {
            ConnectInproc(parsed.Path, endpoint);
            return;
        }

        var connector = new Connector(this, parsed, endpoint, _stopping.Token);
        lock (Sync)
        {
            ThrowIfDisposed();
            _connectors.Add(connector);
            if (!Options.Immediate)
            {
                // libzmq creates a connected endpoint's queue at once, so messages wait in it until the
                // connection is up (socket-semantics.md 1.1).
                AddPeerLocked(connector.Peer);
            }
        }

        connector.Start();
        OnPeerRoom();
        _lastEndpoint = endpoint;
    }

    /// <summary>Stops listening on an endpoint and closes the connections accepted through it.</summary>
    /// <param name="endpoint">The endpoint as given to <see cref="Bind"/> or as returned by it.</param>
    /// <exception cref="ZmtpException">The endpoint is not bound by this socket.</exception>
    public void Unbind(string endpoint)
    {
        Acceptor? acceptor;
        lock (Sync)
        {
            var binding = _inprocBindings.Find(b => $"inproc://{b.Name}" == endpoint);
            if (binding is not null)
            {
                _inprocBindings.Remove(binding);
                binding.Stop();
                return;
            }

            acceptor = _acceptors.Find(a => a.Text == endpoint || a.Endpoint == endpoint);
            if (acceptor is not null)
            {
                _acceptors.Remove(acceptor);
            }
        }

        if (acceptor is null)
        {
            throw new ZmtpException(ZmtpError.EndpointNotFound, $"Cannot unbind {endpoint}: this socket has not bound it.");
        }

        _ = acceptor.StopAsync();
    }

    /// <summary>Stops connecting to an endpoint and drops its connection and queued messages.</summary>
    /// <param name="endpoint">The endpoint as given to <see cref="Connect"/>.</param>
    /// <exception cref="ZmtpException">The endpoint is not connected by this socket.</exception>
    public void Disconnect(string endpoint)
    {
        Connector? connector;
        lock (Sync)
        {
            var inproc = _inprocConnectors.Find(c => c.Text == endpoint);
            if (inproc is not null)
            {
                _inprocConnectors.Remove(inproc);
                RemovePeerLocked(inproc.Peer);
                _ = inproc.StopAsync();
                return;
            }

            connector = _connectors.Find(c => c.Text == endpoint);
            if (connector is not null)
            {
                _connectors.Remove(connector);
                RemovePeerLocked(connector.Peer);
            }
        }

        if (connector is null)
        {
            throw new ZmtpException(ZmtpError.EndpointNotFound, $"Cannot disconnect {endpoint}: this socket has not connected it.");
        }

        _ = connector.StopAsync();
    }

    private void ConnectInproc(string name, string endpoint)
    {
        var connector = new InprocConnector(this, name, endpoint, _stopping.Token);
        lock (Sync)
        {
            ThrowIfDisposed();
            _inprocConnectors.Add(connector);
            if (!Options.Immediate)
            {
                AddPeerLocked(connector.Peer);
            }
        }

        Context.Inproc.AddConnector(connector);
        OnPeerRoom();
        _lastEndpoint = endpoint;
    }

    private static ZmtpEndpoint Parse(string endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!ZmtpEndpoint.TryParse(endpoint, out var parsed, out var error))
        {
            throw new ZmtpException(ZmtpError.InvalidEndpoint, $"Invalid endpoint '{endpoint}': {error}");
        }

        return parsed;
    }
}
