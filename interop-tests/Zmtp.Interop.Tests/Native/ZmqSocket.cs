using System.Runtime.InteropServices;
using System.Text;

namespace Zmtp.Interop.Tests.Native;

/// <summary>
/// A libzmq socket for tests. Not thread-safe (like libzmq sockets): use it from one thread at a time.
/// Every blocking call is bounded: LINGER 0, SNDTIMEO 10 s, receives take an explicit timeout.
/// </summary>
internal sealed unsafe class ZmqSocket : IDisposable
{
    /// <summary>Default bound for blocking libzmq calls in tests.</summary>
    internal const int DefaultTimeoutMs = 10_000;

    private nint _handle;

    internal ZmqSocket(ZmqContext context, int type)
    {
        _handle = LibZmq.zmq_socket(context.Handle, type);
        if (_handle == 0)
        {
            throw ZmqException.Last("zmq_socket");
        }

        SetOption(Zmq.Linger, 0);
        SetOption(Zmq.SndTimeo, DefaultTimeoutMs);
    }

    private nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(ZmqSocket));

    /// <summary>ZMQ_LAST_ENDPOINT, e.g. tcp://127.0.0.1:40123.</summary>
    public string LastEndpoint => GetString(Zmq.LastEndpoint);

    /// <summary>Binds and returns the resolved endpoint (wildcard port replaced by the real one).</summary>
    public string Bind(string endpoint)
    {
        Check(LibZmq.zmq_bind(Handle, endpoint), "zmq_bind");
        return LastEndpoint;
    }

    public void Connect(string endpoint) => Check(LibZmq.zmq_connect(Handle, endpoint), "zmq_connect");

    public void Unbind(string endpoint) => Check(LibZmq.zmq_unbind(Handle, endpoint), "zmq_unbind");

    public void Disconnect(string endpoint) => Check(LibZmq.zmq_disconnect(Handle, endpoint), "zmq_disconnect");

    public void SetOption(int option, int value) =>
        Check(LibZmq.zmq_setsockopt(Handle, option, &value, sizeof(int)), "zmq_setsockopt");

    public void SetOption(int option, ReadOnlySpan<byte> value)
    {
        fixed (byte* p = value)
        {
            Check(LibZmq.zmq_setsockopt(Handle, option, p, (nuint)value.Length), "zmq_setsockopt");
        }
    }

    public void SetOption(int option, string value) => SetOption(option, Encoding.UTF8.GetBytes(value));

    public void Subscribe(string prefix) => SetOption(Zmq.Subscribe, prefix);

    public void Unsubscribe(string prefix) => SetOption(Zmq.Unsubscribe, prefix);

    public int GetInt(int option)
    {
        int value;
        nuint length = sizeof(int);
        Check(LibZmq.zmq_getsockopt(Handle, option, &value, &length), "zmq_getsockopt");
        return value;
    }

    public string GetString(int option)
    {
        var buffer = stackalloc byte[512];
        nuint length = 512;
        Check(LibZmq.zmq_getsockopt(Handle, option, buffer, &length), "zmq_getsockopt");
        // String options come back NUL-terminated; length includes the terminator.
        var span = new ReadOnlySpan<byte>(buffer, (int)length);
        var end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end >= 0 ? span[..end] : span);
    }

    /// <summary>Sends all frames as one message; throws <see cref="TimeoutException"/> after SNDTIMEO.</summary>
    public void SendMultipart(params byte[][] frames)
    {
        if (!TrySendMultipart(frames))
        {
            throw new TimeoutException("libzmq could not send within SNDTIMEO.");
        }
    }

    public void Send(string text) => SendMultipart(Encoding.UTF8.GetBytes(text));

    /// <summary>Sends all frames as one message; false if the first frame could not be queued (EAGAIN).</summary>
    public bool TrySendMultipart(byte[][] frames, int flags = 0)
    {
        ArgumentOutOfRangeException.ThrowIfZero(frames.Length);
        for (var i = 0; i < frames.Length; i++)
        {
            var more = i < frames.Length - 1 ? Zmq.SndMore : 0;
            fixed (byte* p = frames[i])
            {
                while (LibZmq.zmq_send(Handle, p, (nuint)frames[i].Length, flags | more) < 0)
                {
                    var error = Marshal.GetLastPInvokeError();
                    if (error == Zmq.EIntr)
                    {
                        continue;
                    }

                    // Later frames of a message are always accepted once the first one was.
                    if (error == Zmq.EAgain && i == 0)
                    {
                        return false;
                    }

                    throw new ZmqException("zmq_send", error);
                }
            }
        }

        return true;
    }

    /// <summary>Receives one whole message, or null if none arrives within <paramref name="timeoutMs"/>.</summary>
    public byte[][]? TryReceiveMultipart(int timeoutMs)
    {
        SetOption(Zmq.RcvTimeo, timeoutMs);
        var frames = new List<byte[]>();
        ZmqMsg msg;
        while (true)
        {
            Check(LibZmq.zmq_msg_init(&msg), "zmq_msg_init");
            try
            {
                if (LibZmq.zmq_msg_recv(&msg, Handle, 0) < 0)
                {
                    var error = Marshal.GetLastPInvokeError();
                    if (error == Zmq.EIntr)
                    {
                        continue;
                    }

                    // Frames of one message arrive together, so EAGAIN can only happen on the first one.
                    if (error == Zmq.EAgain && frames.Count == 0)
                    {
                        return null;
                    }

                    throw new ZmqException("zmq_msg_recv", error);
                }

                var size = checked((int)LibZmq.zmq_msg_size(&msg));
                frames.Add(new ReadOnlySpan<byte>(LibZmq.zmq_msg_data(&msg), size).ToArray());
                if (LibZmq.zmq_msg_more(&msg) == 0)
                {
                    return [.. frames];
                }
            }
            finally
            {
                LibZmq.zmq_msg_close(&msg);
            }
        }
    }

    /// <summary>Receives one whole message; throws <see cref="TimeoutException"/> if none arrives in time.</summary>
    public byte[][] ReceiveMultipart(int timeoutMs = DefaultTimeoutMs) =>
        TryReceiveMultipart(timeoutMs)
        ?? throw new TimeoutException($"libzmq socket received nothing within {timeoutMs} ms.");

    /// <summary>Receives a single-frame message as UTF-8 text.</summary>
    public string ReceiveString(int timeoutMs = DefaultTimeoutMs)
    {
        var frames = ReceiveMultipart(timeoutMs);
        Assert.Single(frames);
        return Encoding.UTF8.GetString(frames[0]);
    }

    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, 0);
        if (handle != 0)
        {
            LibZmq.zmq_close(handle);
        }
    }

    private static void Check(int rc, string operation)
    {
        if (rc < 0)
        {
            throw ZmqException.Last(operation);
        }
    }
}
