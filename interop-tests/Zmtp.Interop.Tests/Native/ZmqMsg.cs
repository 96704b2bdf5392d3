using System.Runtime.InteropServices;

namespace Zmtp.Interop.Tests.Native;

/// <summary>
/// Opaque zmq_msg_t: 64 octets, pointer-aligned (libzmq declares it as a 64-byte union with a pointer).
/// Only ever handled by address.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 64)]
internal struct ZmqMsg
{
    private readonly long _alignment;
}
