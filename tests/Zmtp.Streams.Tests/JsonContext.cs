using System.Text.Json.Serialization;

namespace Zmtp.Streams.Tests;

internal sealed record Reading(string Sensor, double Value);

[JsonSerializable(typeof(Reading))]
internal sealed partial class JsonContext : JsonSerializerContext;
