using System.Text.Json;

namespace Offboarding.Subscriber.Handling;

/// <summary>
/// The chat line for a finished offboarding, from the event's data (ids and codes only: the app keeps names and emails
/// out of events), with the leaver's name when the event's <c>statusUrl</c> gave it.
/// </summary>
public static class CompletionMessage
{
    public static string For(JsonElement data, string? leaverName = null)
    {
        var leaver = leaverName ?? (Text(data, "leaverZohoId") is { } zohoId ? $"Zoho user {zohoId}" : "the leaver");
        var operation = Text(data, "operation");
        return Text(data, "outcome") switch
        {
            "completed" when operation == "user_transfer_and_delete" =>
                $"{leaver} was offboarded from Zoho CRM; records, deals and contacts now belong to Zoho user {Text(data, "targetZohoId")}{Rule(data)}.",
            "completed" => $"Zoho CRM {Describe(operation)} {Text(data, "offboardingId")} completed.",
            "failed" => $"Offboarding {leaver} from Zoho CRM failed: {Text(data, "failureCode")} ({Text(data, "failureMessage")}). See {Text(data, "statusUrl")}.",
            var other => $"Offboarding {Text(data, "offboardingId")}: {other}.",
        };
    }

    private static string Rule(JsonElement data) => Text(data, "targetRule") is { } rule ? $" (the {rule} rule)" : string.Empty;

    private static string Describe(string? operation) => operation?.Replace('_', ' ') ?? "operation";

    private static string? Text(JsonElement data, string property) =>
        data.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
