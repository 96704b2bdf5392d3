using System.Runtime.InteropServices;

namespace Zmtp.Interop.Tests.Native;

/// <summary>Raw bindings to the system libzmq (Debian libzmq5, 4.3.x), used as the reference peer.</summary>
internal static unsafe partial class LibZmq
{
    private const string Library = "libzmq.so.5";

    [LibraryImport(Library, SetLastError = true)]
    internal static partial nint zmq_ctx_new();

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int zmq_ctx_term(nint context);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int zmq_ctx_shutdown(nint context);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial nint zmq_socket(nint context, int type);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int zmq_close(nint socket);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int zmq_bind(nint socket, string endpoint);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int zmq_connect(nint socket, string endpoint);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int zmq_unbind(nint socket, string endpoint);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int zmq_disconnect(nint socket, string endpoint);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int zmq_setsockopt(nint socket, int option, void* value, nuint length);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int zmq_getsockopt(nint socket, int option, void* value, nuint* length);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int zmq_send(nint socket, void* buffer, nuint length, int flags);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int zmq_recv(nint socket, void* buffer, nuint length, int flags);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int zmq_msg_init(ZmqMsg* message);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int zmq_msg_recv(ZmqMsg* message, nint socket, int flags);

    [LibraryImport(Library)]
    internal static partial void* zmq_msg_data(ZmqMsg* message);

    [LibraryImport(Library)]
    internal static partial nuint zmq_msg_size(ZmqMsg* message);

    [LibraryImport(Library)]
    internal static partial int zmq_msg_more(ZmqMsg* message);

    [LibraryImport(Library, SetLastError = true)]
    internal static partial int zmq_msg_close(ZmqMsg* message);

    [LibraryImport(Library)]
    internal static partial int zmq_errno();

    [LibraryImport(Library)]
    internal static partial nint zmq_strerror(int error);

    [LibraryImport(Library)]
    internal static partial void zmq_version(out int major, out int minor, out int patch);

    /// <summary>The text libzmq gives for an errno value.</summary>
    internal static string StrError(int error) => Marshal.PtrToStringUTF8(zmq_strerror(error)) ?? $"errno {error}";
}
