using System.Globalization;
using System.Text;

namespace Zmtp.Cli.Output;

/// <summary>
/// Builds the one-line JSON result of the perf roles by hand (no reflection, so it is AOT-safe). Numbers use
/// the invariant culture; a non-finite number, which JSON cannot hold, is written as 0.
/// </summary>
internal sealed class JsonLine
{
    private readonly StringBuilder _builder = new("{");

    public JsonLine Add(string name, string value)
    {
        Name(name);
        WriteString(value);
        return this;
    }

    public JsonLine Add(string name, long value)
    {
        Name(name);
        _builder.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public JsonLine Add(string name, double value)
    {
        Name(name);
        _builder.Append(double.IsFinite(value) ? value.ToString("0.######", CultureInfo.InvariantCulture) : "0");
        return this;
    }

    public override string ToString() => _builder.ToString() + "}";

    private void Name(string name)
    {
        if (_builder.Length > 1)
        {
            _builder.Append(',');
        }

        WriteString(name);
        _builder.Append(':');
    }

    private void WriteString(string value)
    {
        _builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    _builder.Append("\\\"");
                    break;
                case '\\':
                    _builder.Append("\\\\");
                    break;
                case < ' ':
                    _builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    _builder.Append(c);
                    break;
            }
        }

        _builder.Append('"');
    }
}
