using System.Runtime.InteropServices;

namespace Zmtp.Interop.Tests.Native;

/// <summary>A libzmq call failed; carries errno and libzmq's text for it.</summary>
internal sealed class ZmqException : Exception
{
    public ZmqException(string operation, int error)
        : base($"{operation} failed: {LibZmq.StrError(error)} (errno {error})")
    {
        Error = error;
    }

    public int Error { get; }

    internal static ZmqException Last(string operation) => new(operation, Marshal.GetLastPInvokeError());
}
