using System.Text.Json;
using System.Text.Json.Serialization;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Operators;

/// <summary>
/// Reads an operator endpoint's JSON body into its type, strictly: unknown properties, wrong types and broken JSON are
/// a 400 problem that says what is wrong, never a silent default. An empty body reads as <c>{}</c>.
/// </summary>
public static class OperatorRequestBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 8,
    };

    public static (T? Body, HttpAnswer? Problem) Read<T>(ReadOnlyMemory<byte> body)
        where T : class
    {
        var json = body.IsEmpty ? "{}"u8.ToArray() : body;
        try
        {
            return (JsonSerializer.Deserialize<T>(json.Span, Options) ?? throw new JsonException("The body is null."), null);
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" at {ex.Path}";
            return (null, HttpAnswer.Problem(400, "invalid-body", "The request body is not valid", $"The body must be a JSON object of the documented shape{where}: {Describe(ex)}"));
        }
    }

    // The serializer's own message names .NET types; say it in the caller's terms where we can.
    private static string Describe(JsonException ex) => ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
        ? "it has a property this endpoint does not take."
        : ex.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? "a value has the wrong type."
            : "it is not well-formed JSON.";
}
