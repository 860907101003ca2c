using System.Globalization;
using System.Text.Json;
using System.Xml;

namespace Offboarding.LocalRun;

/// <summary>
/// What to tell a developer whose sample the blast-radius hold holds: that the hold is open and why (from
/// <c>GET /api/holds</c>), and where to approve or reject it: the console, and ready-to-run curl lines with the local operator key.
/// </summary>
internal static class HoldInstructions
{
    public static async Task PrintAsync(HttpClient http, Uri app, string operatorKey, string? sampleId)
    {
        Console.WriteLine();
        Console.WriteLine("==> The sample is HELD: the blast-radius hold is open");
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(app, "/api/holds")) { Headers = { { "Authorization", $"Bearer {operatorKey}" } } };
            using var response = await http.SendAsync(request);
            using var hold = JsonDocument.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
            var root = hold.RootElement;
            var window = XmlConvert.ToTimeSpan(root.GetProperty("window").GetString()!);
            var openedAt = root.TryGetProperty("openedAt", out var o) && o.ValueKind == JsonValueKind.String
                ? o.GetDateTimeOffset().ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)
                : "?";
            var held = root.GetProperty("held").GetArrayLength();
            var more = root.TryGetProperty("heldContinuationToken", out var t) && t.ValueKind == JsonValueKind.String ? "+" : string.Empty;
            Console.WriteLine(
                $"    why: {root.GetProperty("count").GetInt32()} offboardings were accepted within {window:c} (threshold {root.GetProperty("threshold").GetInt32()}); " +
                $"the hold opened at {openedAt}.");
            Console.WriteLine($"    {held}{more} offboarding(s) held; none goes to Zoho until an operator approves (queued) or rejects (cancelled) them.");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            Console.WriteLine($"    (GET /api/holds did not answer as expected: {ex.Message})");
        }

        var holds = new Uri(app, "/api/holds").ToString();
        var auth = $"-H 'Authorization: Bearer {operatorKey}'";
        Console.WriteLine($"    Approve or reject in the operator console: {new Uri(app, "/api/console")}  (operator key: {operatorKey})");
        Console.WriteLine("    or with curl:");
        Console.WriteLine($"      see the hold:           curl -sS {auth} '{holds}'");
        Console.WriteLine($"      approve all held:       curl -sS -X POST {auth} -H 'content-type: application/json' --data '{{}}' '{holds}/approve'");
        if (sampleId is not null)
        {
            Console.WriteLine($"      approve only the sample: curl -sS -X POST {auth} -H 'content-type: application/json' --data '{{\"ids\":[\"{sampleId}\"]}}' '{holds}/approve'");
        }

        Console.WriteLine($"      reject all held:        curl -sS -X POST {auth} -H 'content-type: application/json' --data '{{\"reason\":\"local testing\"}}' '{holds}/reject'");
        Console.WriteLine("    When nothing is held any more, the hold closes and counts afresh. To start over from empty storage: ./run.sh --reset");
    }
}
