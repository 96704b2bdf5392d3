using Zmtp.Cli.Arguments;

namespace Zmtp.Cli.Commands;

/// <summary>Creates a socket, configures it and binds/connects every endpoint of the command line.</summary>
internal static class SocketOpener
{
    /// <summary>
    /// Opens a socket. <paramref name="configure"/> (the command's own defaults) and then
    /// <paramref name="settings"/> (--identity, --option: the user's word wins) apply before any bind or
    /// connect, since most options (linger aside) only apply to later endpoints. Each bound endpoint is
    /// reported on standard error with its resolved address, the only way to learn the port of
    /// <c>tcp://127.0.0.1:*</c>.
    /// </summary>
    /// <exception cref="UsageException">An option name is unknown or its value invalid; the socket has been disposed.</exception>
    /// <exception cref="ZmtpException">A bind or connect failed; the socket has been disposed.</exception>
    public static ZmtpSocket Open(
        ZmtpSocketType type,
        IReadOnlyList<EndpointSpec> endpoints,
        CliContext context,
        Action<ZmtpSocket>? configure = null,
        IReadOnlyList<OptionSetting>? settings = null)
    {
        var socket = ZmtpSocket.Create(type);
        try
        {
            configure?.Invoke(socket);
            foreach (var setting in settings ?? [])
            {
                Apply(socket, setting);
            }

            foreach (var endpoint in endpoints)
            {
                if (endpoint.Bind)
                {
                    var resolved = socket.Bind(endpoint.Address);
                    context.Diagnostic($"{SocketTypeNames.Name(type)} bound to {resolved}");
                }
                else
                {
                    socket.Connect(endpoint.Address);
                }
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static void Apply(ZmtpSocket socket, OptionSetting setting)
    {
        try
        {
            socket.SetOption(setting.Name, setting.Value);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            // FormatException: SUBSCRIBE with malformed hex is parsed outside SetOption's own checks.
            // ArgumentException appends " (Parameter 'name')", which says nothing to a command-line user.
            var message = e is ArgumentException { ParamName: { } parameter }
                ? e.Message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal)
                : e.Message;
            throw new UsageException($"{setting.Argument}: {message}", e);
        }
    }
}
