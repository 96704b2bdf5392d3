using System.Text;
using Zmtp.Transport;

namespace Zmtp.Fuzz;

/// <summary>
/// <c>endpoint</c>: the input as UTF-8 text through <see cref="ZmtpEndpoint.TryParse"/> (which must never
/// throw) and <see cref="ZmtpEndpoint.Parse"/> (which may throw only <see cref="FormatException"/>, exactly
/// when TryParse fails, with its error as message). A parsed endpoint's <see cref="ZmtpEndpoint.ToString"/>
/// parses back to an equal endpoint with the same hash code and the same text.
/// </summary>
internal static class EndpointTarget
{
    public static void Run(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var ok = ZmtpEndpoint.TryParse(text, out var endpoint, out var error);
        if (ok != (endpoint is not null) || ok != (error is null) || (!ok && error!.Length == 0))
        {
            throw new FuzzBugException($"TryParse(\"{text}\") returned {ok} with endpoint {endpoint} and error '{error}'.");
        }

        try
        {
            var parsed = ZmtpEndpoint.Parse(text);
            if (!ok || !parsed.Equals(endpoint))
            {
                throw new FuzzBugException($"Parse(\"{text}\") gave {parsed}, TryParse gave {ok} ({endpoint}).");
            }
        }
        catch (FormatException ex) when (!ok)
        {
            if (ex.Message != error)
            {
                throw new FuzzBugException($"Parse(\"{text}\") failed with '{ex.Message}', TryParse with '{error}'.");
            }
        }

        if (ok)
        {
            var canonical = endpoint!.ToString();
            if (!ZmtpEndpoint.TryParse(canonical, out var again, out var againError))
            {
                throw new FuzzBugException($"\"{text}\" parsed, but its canonical text \"{canonical}\" did not: {againError}");
            }

            if (!again.Equals(endpoint) || again.GetHashCode() != endpoint.GetHashCode() || again.ToString() != canonical)
            {
                throw new FuzzBugException($"\"{text}\" parsed to {canonical}, which parsed back to {again} (Kind {again.Kind}, Host '{again.Host}', Port {again.Port}, Path '{again.Path}').");
            }
        }
    }
}
