using System.Globalization;
using System.Text;

namespace Zmtp.Cli.Output;

/// <summary>The line <c>zmtp monitor</c> prints for a socket event: <c>NAME TAB ENDPOINT TAB VALUE</c>, plus
/// <c>TAB REASON</c> when the event has one.</summary>
internal static class EventText
{
    /// <summary>Formats one event. The reason is free text (an exception message), so any control
    /// character in it becomes a space: a TAB or newline would break the one-line, TAB-separated form.</summary>
    public static string Format(SocketEvent socketEvent)
    {
        var line = new StringBuilder()
            .Append(socketEvent.Name).Append('\t')
            .Append(socketEvent.Endpoint).Append('\t')
            .Append(socketEvent.Value.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(socketEvent.Reason))
        {
            line.Append('\t');
            foreach (var c in socketEvent.Reason)
            {
                line.Append(char.IsControl(c) ? ' ' : c);
            }
        }

        return line.ToString();
    }
}
