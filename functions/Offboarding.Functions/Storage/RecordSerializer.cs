using System.Text.Json;
using System.Text.Json.Serialization;
using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Storage;

/// <summary>The record is stored as one JSON document so a single ETag-guarded write changes state and audit together.</summary>
internal static class RecordSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(OffboardingRecord record) => JsonSerializer.Serialize(record, Options);

    public static OffboardingRecord Deserialize(string json) =>
        JsonSerializer.Deserialize<OffboardingRecord>(json, Options) ?? throw new JsonException("An offboarding document was empty.");
}
