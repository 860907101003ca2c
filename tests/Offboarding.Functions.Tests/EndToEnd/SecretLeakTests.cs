using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Intake;
using Offboarding.Functions.Storage;
using TestSupport;
using Zoho.Crm.Sandbox.Fixtures;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

[Collection(PipelineTestGroup.Name)]
public sealed class SecretLeakTests : SandboxResetTest
{
    public SecretLeakTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task No_secret_or_token_appears_in_any_log_line_or_event()
    {
        var signatures = new List<string>();
        await using var pipeline = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Zoho:MaxRetries"] = "1" });

        // A full offboarding, a Zoho 500 retried, a forged request, a Merge webhook and a health check with a bad refresh token.
        await Fixture.Sandbox.Control.UpdateSettingsAsync(s => s with { FaultEndpoints = ["users.list"], ScriptedFaults = [Zoho.Crm.Sandbox.Control.FaultKind.InternalError] });
        var request = PipelineHarness.SignedRequest(PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", Users.LeaverEmail));
        signatures.Add(request.Header("webhook-signature")!);
        var id = JsonDocument.Parse((await pipeline.PostAsync(request)).Body!).RootElement.GetProperty("id").GetString()!;
        await pipeline.DrainRequestsAsync();
        await pipeline.PollUntilAsync(id, r => r.State.IsTerminal() && r.PendingEvents.Count == 0);

        var forged = PipelineHarness.SignedRequest(PipelineHarness.UserRequest("forged", Users.LeaverEmail));
        var tampered = PipelineHarness.Request("POST", "offboardings", Encoding.UTF8.GetBytes(PipelineHarness.UserRequest("forged2", Users.LeaverEmail)),
            forged.Headers.ToDictionary(h => h.Key, h => h.Value[0]));
        signatures.Add(forged.Header("webhook-signature")!);
        Assert.Equal(401, (await pipeline.PostAsync(tampered)).StatusCode);

        var mergeBody = Encoding.UTF8.GetBytes("""{"hook":{},"linked_account":{"id":"la"},"data":{"id":"e1","employment_status":"ACTIVE"}}""");
        var mergeSignature = MergeSignatureVerifier.Sign(PipelineHarness.MergeKey, mergeBody);
        signatures.Add(mergeSignature);
        await pipeline.Http("MergeIntake").RunAsync(PipelineHarness.Request("POST", "webhooks/merge", mergeBody,
            new Dictionary<string, string> { ["Content-Type"] = "application/json", [MergeSignatureVerifier.SignatureHeader] = mergeSignature }), CancellationToken.None);

        const string BadRefreshToken = "1000.bad0refresh0token0that0must0not0leak.ffffffffffffffff";
        await using (var broken = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Zoho:RefreshToken"] = BadRefreshToken }))
        {
            await broken.Http("Health").RunAsync(PipelineHarness.Request("GET", "health", ReadOnlyMemory<byte>.Empty, new Dictionary<string, string>()), CancellationToken.None);
            foreach (var line in broken.Logs.Lines)
            {
                pipeline.Logs.Lines.Enqueue(line);
            }
        }

        // The shared cache holds the tokens sealed: open them with the app's key to know what to look for.
        var sealer = pipeline.Services.GetRequiredService<Sealer>();
        var accessTokens = new List<string>();
        await foreach (var row in pipeline.Storage.Tokens.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            using var token = JsonDocument.Parse(sealer.TryOpen(row.GetString("Token"), row.RowKey)!);
            accessTokens.Add(token.RootElement.GetProperty("value").GetString()!);
        }

        Assert.NotEmpty(accessTokens);
        var secrets = new List<string>
        {
            PipelineHarness.WebhookSecret,
            PipelineHarness.WebhookSecret["whsec_".Length..],
            PipelineHarness.MergeKey,
            DefaultOrg.ClientSecret,
            DefaultOrg.RefreshToken,
            BadRefreshToken,
            AzuriteProcess.AccountKey,
        };
        secrets.AddRange(accessTokens);
        secrets.AddRange(signatures);
        secrets.AddRange(signatures.Where(s => s.StartsWith("v1,", StringComparison.Ordinal)).Select(s => s[3..]));

        var lines = pipeline.Logs.Lines.ToList();
        Assert.True(lines.Count > 50, "the scan must have something to scan");
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        }

        var events = await pipeline.EventsForAsync(id);
        Assert.NotEmpty(events);
        foreach (var cloudEvent in events)
        {
            var json = cloudEvent.Data!.ToString();
            Assert.DoesNotContain(Users.LeaverEmail, json, StringComparison.OrdinalIgnoreCase);
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, json, StringComparison.Ordinal));
        }
    }
}
