using System.Net.Sockets;

namespace Zmtp.Transport;

/// <summary>ipc addresses: abstract names, wildcard temp paths, stale socket files.</summary>
internal static class IpcPaths
{
    private const string WildcardSocketName = "socket";

    /// <summary>
    /// The socket address for an ipc path: <c>@name</c> is the Linux abstract namespace, spelled with a leading
    /// NUL and no terminator, the same bytes libzmq puts in sun_path.
    /// </summary>
    public static UnixDomainSocketEndPoint ToEndPoint(string path) =>
        new(IsAbstract(path) ? "\0" + path[1..] : path);

    public static bool IsAbstract(string path) => path.Length > 1 && path[0] == '@';

    /// <summary>For <c>ipc://*</c>: a fresh private directory and a socket path inside it, as libzmq does.</summary>
    public static string CreateWildcardPath(out string directory)
    {
        directory = Directory.CreateTempSubdirectory("zmtp-").FullName;
        return Path.Combine(directory, WildcardSocketName);
    }

    /// <summary>
    /// True when something accepts connections on <paramref name="path"/>. A socket file left behind by a
    /// process that died refuses connections; that one is stale and may be replaced.
    /// </summary>
    public static bool IsLive(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        // Non-blocking, so a listener with a full backlog (EAGAIN) counts as live instead of blocking us.
        probe.Blocking = false;
        try
        {
            probe.Connect(ToEndPoint(path));
            return true;
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress;
        }
    }

    /// <summary>Deletes a socket file and wildcard directory this process created; best effort.</summary>
    public static void Remove(string? file, string? directory)
    {
        try
        {
            if (file is not null)
            {
                File.Delete(file);
            }

            if (directory is not null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Someone else removed or replaced it; nothing of ours is left to clean.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
