using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Azure;

namespace Offboarding.Storage.Tables;

/// <summary>
/// Entity ⇄ OData JSON (minimal metadata). Types JSON cannot tell apart are written with an
/// <c>@odata.type</c> annotation (Int64 as a string, DateTime, Guid, Binary, Double) and read back by it.
/// </summary>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";
    private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private static readonly DateTimeOffset MinDate = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Serialize(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in entity)
            {
                if (value is null || name == TableEntity.TimestampName || name.StartsWith("odata.", StringComparison.Ordinal))
                {
                    continue; // Service-owned or absent: the service never stores nulls.
                }

                WriteProperty(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static TableEntity Deserialize(JsonElement json)
    {
        var entity = new TableEntity();
        foreach (var property in json.EnumerateObject())
        {
            var name = property.Name;
            if (name == "odata.etag")
            {
                entity.ETag = new ETag(property.Value.GetString()!);
                continue;
            }

            if (name.StartsWith("odata.", StringComparison.Ordinal) || name.EndsWith(TypeSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var type = json.TryGetProperty(name + TypeSuffix, out var annotation) ? annotation.GetString() : null;
            var value = ReadValue(property.Value, type);
            if (name == TableEntity.TimestampName)
            {
                entity.Timestamp = value as DateTimeOffset? ?? (value is string s ? ParseDate(s) : null);
                continue;
            }

            entity[name] = value;
        }

        return entity;
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteString(name, s);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case long l:
                writer.WriteString(name + TypeSuffix, "Edm.Int64");
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                // Always annotated: a whole double would otherwise be stored as Int32.
                writer.WriteString(name + TypeSuffix, "Edm.Double");
                if (double.IsFinite(d))
                {
                    writer.WriteNumber(name, d);
                }
                else
                {
                    writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }

                break;
            case Guid g:
                writer.WriteString(name + TypeSuffix, "Edm.Guid");
                writer.WriteString(name, g.ToString("D"));
                break;
            case DateTimeOffset dto:
                WriteDate(writer, name, dto);
                break;
            case DateTime dt:
                WriteDate(writer, name, dt.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)) : new DateTimeOffset(dt));
                break;
            case byte[] bytes:
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                writer.WriteBase64String(name, bytes);
                break;
            case BinaryData data:
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                writer.WriteBase64String(name, data.ToMemory().Span);
                break;
            default:
                throw new ArgumentException(
                    $"Property '{name}' is a {value.GetType().Name}; table properties can be string, int, long, bool, double, Guid, DateTimeOffset/DateTime or byte[].",
                    nameof(value));
        }
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateTimeOffset value)
    {
        if (value < MinDate)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"Property '{name}' is before 1601-01-01, the table service's earliest date.");
        }

        writer.WriteString(name + TypeSuffix, "Edm.DateTime");
        writer.WriteString(name, value.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture));
    }

    private static object? ReadValue(JsonElement value, string? type) => type switch
    {
        "Edm.Int64" => value.ValueKind == JsonValueKind.Number ? value.GetInt64() : long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Int32" => value.ValueKind == JsonValueKind.Number ? value.GetInt32() : int.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Double" => value.ValueKind == JsonValueKind.Number ? value.GetDouble() : ParseSpecialDouble(value.GetString()!),
        "Edm.Guid" => Guid.Parse(value.GetString()!),
        "Edm.DateTime" => ParseDate(value.GetString()!),
        "Edm.Binary" => value.GetBytesFromBase64(),
        "Edm.Boolean" => value.GetBoolean(),
        _ => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            JsonValueKind.Number when value.TryGetInt32(out var i) => i,
            JsonValueKind.Number => value.GetDouble(),
            _ => value.GetRawText(),
        },
    };

    private static double ParseSpecialDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" or "INF" => double.PositiveInfinity,
        "-Infinity" or "-INF" => double.NegativeInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    private static DateTimeOffset ParseDate(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
