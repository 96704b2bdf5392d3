using System.Diagnostics.CodeAnalysis;

namespace Zmtp.Protocol;

/// <summary>Throw helpers, so that hot parsing methods stay small.</summary>
internal static class ProtocolThrow
{
    [DoesNotReturn]
    public static void Error(ZmtpProtocolError error, string message) => throw new ZmtpProtocolException(error, message);

    [DoesNotReturn]
    public static T Error<T>(ZmtpProtocolError error, string message) => throw new ZmtpProtocolException(error, message);
}
