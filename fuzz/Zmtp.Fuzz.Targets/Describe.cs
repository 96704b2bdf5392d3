using System.Security.Cryptography;
using Zmtp.Protocol;

namespace Zmtp.Fuzz;

/// <summary>Short, comparable text for parse results, so two ways of parsing the same input can be compared.</summary>
internal static class Describe
{
    public static string Bytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length <= 32
            ? Convert.ToHexString(bytes)
            : $"{bytes.Length}#{Convert.ToHexString(SHA256.HashData(bytes).AsSpan(0, 8))}";

    public static string Error(ZmtpProtocolException ex) => "error:" + ex.Error;

    public static string Inbound(in ZmtpInbound inbound) => inbound.Kind switch
    {
        ZmtpInboundKind.Message => "M[" + string.Join(",", Frames(inbound.Message!)) + "]",
        ZmtpInboundKind.Ping => $"Ping:{inbound.PingTtl}:{Bytes(inbound.Data.Span)}",
        ZmtpInboundKind.Closed => "Closed",
        _ => $"{inbound.Kind}:{Bytes(inbound.Data.Span)}",
    };

    private static IEnumerable<string> Frames(Message message)
    {
        for (var i = 0; i < message.Count; i++)
        {
            yield return Bytes(message[i].Span);
        }
    }
}
