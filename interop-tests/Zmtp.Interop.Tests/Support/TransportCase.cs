namespace Zmtp.Interop.Tests.Support;

/// <summary>The transport a pair test runs over.</summary>
public enum TransportCase
{
    /// <summary><c>tcp://127.0.0.1:*</c>, the port chosen by the OS.</summary>
    Tcp,

    /// <summary><c>ipc://@name</c>: a Linux abstract-namespace socket, no file.</summary>
    IpcAbstract,

    /// <summary><c>ipc:///tmp/…</c>: a socket file.</summary>
    IpcFile,
}
