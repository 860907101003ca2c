using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues;
using Offboarding.Functions.Configuration;
using Offboarding.Functions.Intake;
using Offboarding.Functions.Storage;
using Offboarding.LocalRun;

// Sends one signed sample offboarding to a running app, prints its timeline until it ends, shows the
// completion event from the events queue, and prints a signed curl line for another one. When the blast-radius hold
// holds the sample, it says why and how to approve or reject it. Exit status: 0 completed (or planned), 2 held, 1 otherwise.
var options = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0].TrimStart('-'), pair => pair[1]);
var app = new Uri(options.GetValueOrDefault("app", "http://127.0.0.1:7071"));
var settings = LocalSettingsFile.Load(options.GetValueOrDefault("settings", "local.settings.json"));
var email = options.GetValueOrDefault("email", "liam.carter@northwind.example");
var next = options.GetValueOrDefault("next", "sam.patel@northwind.example");

// The HRIS sends the leaver's name too; subscribers read it from the status, never from the event.
var name = options.TryGetValue("name", out var given) ? given : options.ContainsKey("email") ? null : "Liam Carter";

var secret = WebhookSecret.Parse(settings.Require("Intake__WebhookSecrets").Split(',')[0].Trim());
var intake = new Uri(app, "/api/offboardings");
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

// The status route is an operator route: locally the operator key from the settings stands in for a signed-in operator.
var operatorKey = settings.Require("Operators__Key");

Console.WriteLine($"==> POST {intake}  (signed sample webhook: offboard {email})");
var webhook = SignedWebhook.Create(secret, SampleRequest.For(email, name));
using var accepted = await http.SendAsync(webhook.ToRequest(intake));
var acceptedBody = await accepted.Content.ReadAsStringAsync();
Console.WriteLine($"<== {(int)accepted.StatusCode} {accepted.StatusCode}  Location: {accepted.Headers.Location}");
Console.WriteLine(acceptedBody);
if (accepted.Headers.Location is null)
{
    Console.Error.WriteLine("The app did not accept the sample offboarding.");
    return 1;
}

var status = new Uri(app, accepted.Headers.Location);
Console.WriteLine();
Console.WriteLine($"==> Following {status} until the offboarding ends");
var printed = 0;
string? state = null;
string? id = null;
var deadline = DateTime.UtcNow.AddMinutes(3);
while (DateTime.UtcNow < deadline)
{
    using var statusRequest = new HttpRequestMessage(HttpMethod.Get, status) { Headers = { { "Authorization", $"Bearer {operatorKey}" } } };
    using var statusResponse = await http.SendAsync(statusRequest);
    using var view = JsonDocument.Parse(await statusResponse.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
    var root = view.RootElement;
    id = root.GetProperty("id").GetString();
    state = root.GetProperty("state").GetString();
    var audit = root.GetProperty("audit");
    for (; printed < audit.GetArrayLength(); printed++)
    {
        var entry = audit[printed];
        var at = entry.GetProperty("at").GetDateTimeOffset().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        var detail = entry.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? "  " + d.GetString() : string.Empty;
        Console.WriteLine($"  {at}  {entry.GetProperty("step").GetString(),-22} {entry.GetProperty("outcome").GetString()}{detail}");
    }

    if (state is "completed" or "failed" or "planned" or "cancelled" or "held")
    {
        break;
    }

    await Task.Delay(1000);
}

Console.WriteLine($"==> State: {state}");
Console.WriteLine();
Console.WriteLine("==> Events for it on the 'offboarding-events' queue (peeked, left for subscribers; the sample subscriber may have taken them already)");
var events = new QueueClient(settings.Require(SettingNames.Storage), StorageNames.EventQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
foreach (var message in (await events.PeekMessagesAsync(32)).Value)
{
    using var cloudEvent = JsonDocument.Parse(message.MessageText);
    if (cloudEvent.RootElement.TryGetProperty("subject", out var subject) && subject.GetString() == id)
    {
        Console.WriteLine(JsonSerializer.Serialize(cloudEvent.RootElement, new JsonSerializerOptions { WriteIndented = true }));
    }
}

Console.WriteLine();
Console.WriteLine($"==> Submit another (signed now, valid for 5 minutes; offboards {next}):");
Console.WriteLine(SignedWebhook.Create(secret, SampleRequest.For(next)).ToCurl(intake));
Console.WriteLine($"    or sign a fresh one: dotnet tools/Offboarding.LocalRun/bin/Release/net10.0/Offboarding.LocalRun.dll --email {next}");
if (state == "held")
{
    await HoldInstructions.PrintAsync(http, app, operatorKey, id);
    return 2;
}

return state is "completed" or "planned" ? 0 : 1;
