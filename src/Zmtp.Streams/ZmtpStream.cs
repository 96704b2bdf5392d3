namespace Zmtp.Streams;

/// <summary>
/// pyzmq's <c>ZMQStream</c> in .NET idiom: wraps a <see cref="ZmtpSocket"/> and calls back as whole messages
/// arrive, on an event loop, one callback at a time; queues sends and writes them when the socket can take
/// them. (This is not a <see cref="System.IO.Stream"/>: it carries messages, not bytes.)
/// </summary>
/// <remarks>
/// <para><b>Loop.</b> Callbacks run on the stream's <see cref="EventLoop"/>, or on the
/// <see cref="System.Threading.SynchronizationContext"/> that was current when the stream was created, or else on
/// <see cref="EventLoop.Default"/>: no configuration is needed. Callbacks of one stream never overlap, and run
/// in message order.</para>
/// <para><b>Receiving.</b> Nothing is read from the socket until <see cref="OnReceive"/> or
/// <see cref="OnReceiveStream"/> registers a callback: messages stay queued in the socket, up to its receive
/// high-water mark, and back-pressure reaches the sender as with libzmq. Registering null pauses; registering
/// again resumes with nothing lost or reordered.</para>
/// <para><b>Ownership.</b> With <c>copy: true</c> (the default) the callback gets a message whose frames are
/// its own copies: it may keep it for as long as it likes; the stream never disposes it. With
/// <c>copy: false</c> the callback gets the socket's message itself, whose frames are pooled buffers: the
/// stream disposes it when the callback returns (the frames must not be used after that) unless the callback
/// called <see cref="Message.Keep"/>, which makes the message the callback's to dispose later, or passed it to
/// <see cref="Send(Message)"/>, which hands it to the stream. A message given to <see cref="Send(Message)"/>
/// belongs to the stream from then on: do not modify, reuse or dispose it; the stream disposes it once it was
/// written and the send callbacks returned (or when it is dropped).</para>
/// <para><b>Errors.</b> An exception thrown by a callback, and a send the socket refuses, are reported through
/// <see cref="Error"/> (or, with no handler, the loop's <see cref="EventLoop.Error"/>); the stream goes on
/// with the next message.</para>
/// <para><b>Threads.</b> Registration, <c>Send*</c> and <see cref="Close"/> may be called from any thread;
/// <see cref="Flush"/> only on the stream's loop.</para>
/// </remarks>
public sealed partial class ZmtpStream : IAsyncDisposable
{
    private readonly SynchronizationContext _context;

    /// <summary>Guards registration, the send queue and the scheduling state; never held while a callback runs.</summary>
    private readonly object _gate = new();

    /// <summary>Held while callbacks run (dispatch, flush, the start of a close), so they never overlap even on
    /// a synchronization context that runs posts concurrently.</summary>
    private readonly object _dispatchLock = new();

    private Action<Message>? _onReceive;
    private Action<ZmtpStream, Message>? _onReceiveStream;
    private bool _copy = true;
    private Action<Message>? _onSend;
    private Action<ZmtpStream, Message>? _onSendStream;
    private Action? _closeCallback;

    /// <summary>Creates a stream over <paramref name="socket"/>.</summary>
    /// <param name="socket">The socket; the stream does not own it unless closed with <c>closeSocket: true</c>.</param>
    /// <param name="loop">The loop to run callbacks on. When null: the synchronization context current now
    /// (the current loop, when created on one), or <see cref="EventLoop.Default"/> if there is none.</param>
    public ZmtpStream(ZmtpSocket socket, EventLoop? loop = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Socket = socket;
        if (loop is null)
        {
            var current = SynchronizationContext.Current;
            loop = current is EventLoopSynchronizationContext loopContext ? loopContext.Loop : current is null ? EventLoop.Default : null;
            _context = loop?.SynchronizationContext ?? current!;
        }
        else
        {
            _context = loop.SynchronizationContext;
        }

        Loop = loop;
    }

    /// <summary>Creates a stream whose callbacks are posted to <paramref name="context"/> (a UI thread's
    /// context, for example).</summary>
    /// <param name="socket">The socket.</param>
    /// <param name="context">Where callbacks run.</param>
    public ZmtpStream(ZmtpSocket socket, SynchronizationContext context)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(context);
        Socket = socket;
        Loop = (context as EventLoopSynchronizationContext)?.Loop;
        _context = context;
    }

    /// <summary>The wrapped socket. Use it for options, bind and connect; do not receive from it directly
    /// while a receive callback is registered.</summary>
    public ZmtpSocket Socket { get; }

    /// <summary>The loop callbacks run on; null when the stream runs on another synchronization context.</summary>
    public EventLoop? Loop { get; }

    /// <summary>Where callbacks run.</summary>
    public SynchronizationContext SynchronizationContext => _context;

    /// <summary>Raised on the loop when a callback throws or a send fails; the stream goes on with the next
    /// message. With no handler, the failure goes to the loop's <see cref="EventLoop.Error"/>.</summary>
    public event EventHandler<StreamErrorEventArgs>? Error;

    /// <summary>True while a receive callback is registered (and the stream is open).</summary>
    public bool IsReceiving
    {
        get
        {
            lock (_gate)
            {
                return !_closed && (_onReceive is not null || _onReceiveStream is not null);
            }
        }
    }

    /// <summary>True while messages wait in the stream's send queue.</summary>
    public bool IsSending
    {
        get
        {
            lock (_gate)
            {
                return _sendQueue.Count > 0;
            }
        }
    }

    /// <summary>Registers the receive callback, replacing any earlier one (of either kind); null pauses
    /// receiving. The callback gets each whole multipart message, in order.</summary>
    /// <param name="callback">Called on the loop with each message; null to stop reading.</param>
    /// <param name="copy">True: the message's frames are copies the callback owns. False: the socket's pooled
    /// frames, disposed after the callback unless it calls <see cref="Message.Keep"/> (see the type's remarks).</param>
    /// <exception cref="InvalidOperationException">The stream is closed.</exception>
    public void OnReceive(Action<Message>? callback, bool copy = true) => SetReceive(callback, null, copy);

    /// <summary>Like <see cref="OnReceive"/>, but the callback also gets the stream, so one callback can
    /// serve many streams.</summary>
    /// <param name="callback">Called on the loop with the stream and each message; null to stop reading.</param>
    /// <param name="copy">See <see cref="OnReceive"/>.</param>
    /// <exception cref="InvalidOperationException">The stream is closed.</exception>
    public void OnReceiveStream(Action<ZmtpStream, Message>? callback, bool copy = true) => SetReceive(null, callback, copy);

    /// <summary>Registers the callback run after each queued message was accepted by the socket, with the
    /// message (valid until the callback returns); null removes it (sending goes on).</summary>
    /// <param name="callback">Called on the loop.</param>
    /// <exception cref="InvalidOperationException">The stream is closed.</exception>
    public void OnSend(Action<Message>? callback)
    {
        lock (_gate)
        {
            ThrowIfClosedLocked();
            _onSend = callback;
            _onSendStream = null;
        }
    }

    /// <summary>Like <see cref="OnSend"/>, but the callback also gets the stream.</summary>
    /// <param name="callback">Called on the loop.</param>
    /// <exception cref="InvalidOperationException">The stream is closed.</exception>
    public void OnSendStream(Action<ZmtpStream, Message>? callback)
    {
        lock (_gate)
        {
            ThrowIfClosedLocked();
            _onSendStream = callback;
            _onSend = null;
        }
    }

    /// <summary>Registers the callback run once when the stream closes (after the socket was closed, when the
    /// close closes it), on the loop; null removes it.</summary>
    /// <param name="callback">Called with no arguments.</param>
    /// <exception cref="InvalidOperationException">The stream is closed.</exception>
    public void SetCloseCallback(Action? callback)
    {
        lock (_gate)
        {
            ThrowIfClosedLocked();
            _closeCallback = callback;
        }
    }

    private void SetReceive(Action<Message>? callback, Action<ZmtpStream, Message>? streamCallback, bool copy)
    {
        lock (_gate)
        {
            ThrowIfClosedLocked();
            _onReceive = callback;
            _onReceiveStream = streamCallback;
            _copy = copy;
        }

        // Resuming must not wait for a new arrival: messages already queued are dispatched at once.
        RequestDispatch();
    }

    private void ThrowIfClosedLocked()
    {
        if (_closed)
        {
            throw new InvalidOperationException("The stream is closed.");
        }
    }
}
