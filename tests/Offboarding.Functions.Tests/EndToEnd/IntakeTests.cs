using System.Text;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Intake;
using Offboarding.Functions.Storage;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

[Collection(PipelineTestGroup.Name)]
public sealed class IntakeTests : SandboxResetTest
{
    public IntakeTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    private static string NewEvent() => $"evt-{Guid.NewGuid():N}";

    /// <summary>Signed correctly, so each case tests exactly the one thing that is wrong with it.</summary>
    private static TestRequest Hostile(string json, string contentType = "application/json") => PipelineHarness.SignedRequest(json, contentType: contentType);

    private static TestRequest WithHeaders(string json, Func<Dictionary<string, string>, Dictionary<string, string>> change)
    {
        var signed = PipelineHarness.SignedRequest(json);
        var headers = change(signed.Headers.ToDictionary(h => h.Key, h => h.Value[0], StringComparer.OrdinalIgnoreCase));
        return PipelineHarness.Request("POST", "offboardings", signed.Body, headers);
    }

    public static TheoryData<string, TestRequest, int> HostileRequests()
    {
        var valid = PipelineHarness.UserRequest("hostile-valid", Users.LeaverEmail);
        var old = DateTimeOffset.UtcNow.AddMinutes(-10);
        var data = new TheoryData<string, TestRequest, int>
        {
            { "not json", Hostile("this is not json"), 400 },
            { "truncated json", Hostile("{\"source\":\"hr\",\"sourceEventId\":"), 400 },
            { "empty body", Hostile(""), 400 },
            { "json array", Hostile("[1,2,3]"), 422 },
            { "json string", Hostile("\"offboard everyone\""), 422 },
            { "deep nesting", Hostile(new string('[', 500) + new string(']', 500)), 400 },
            { "wrong types", Hostile("""{"source":1,"sourceEventId":true,"employee":[],"dryRun":"no"}"""), 422 },
            { "missing fields", Hostile("""{"employee":{"workEmail":"a@b.co"}}"""), 422 },
            { "missing employee", Hostile("""{"source":"hr","sourceEventId":"x1"}"""), 422 },
            { "huge string", Hostile($$$"""{"source":"hr","sourceEventId":"x2","employee":{"workEmail":"a@b.co","name":"{{{new string('n', 60_000)}}}"}}"""), 422 },
            { "oversize body", Hostile(new string(' ', 70_000) + valid), 413 },
            { "sql injection in event id", Hostile("""{"source":"hr","sourceEventId":"1' OR '1'='1","employee":{"workEmail":"a@b.co"}}"""), 422 },
            { "odata injection in zoho id", Hostile("""{"source":"hr","sourceEventId":"x3","employee":{"zohoUserId":"1' or PartitionKey ne '"}}"""), 422 },
            { "path traversal in source", Hostile("""{"source":"../../etc/passwd","sourceEventId":"x4","employee":{"workEmail":"a@b.co"}}"""), 422 },
            { "script in email", Hostile("""{"source":"hr","sourceEventId":"x5","employee":{"workEmail":"<script>alert(1)</script>@x.co"}}"""), 422 },
            { "control characters", Hostile("""{"source":"hr","sourceEventId":"x6\u0000\u001b","employee":{"workEmail":"a@b.co"}}"""), 422 },
            { "unknown operation", Hostile("""{"source":"hr","sourceEventId":"x7","operation":"drop_table","employee":{"workEmail":"a@b.co"}}"""), 422 },
            { "unknown property", Hostile("""{"source":"hr","sourceEventId":"x8","employee":{"workEmail":"a@b.co"},"admin":true}"""), 422 },
            { "local effective time", Hostile("""{"source":"hr","sourceEventId":"x9","effectiveAt":"2026-01-01 09:00","employee":{"workEmail":"a@b.co"}}"""), 422 },
            { "wrong content type", Hostile(valid, "text/plain"), 415 },
            { "form content type", Hostile(valid, "application/x-www-form-urlencoded"), 415 },
            { "unsigned", WithHeaders(valid, h => { h.Remove("webhook-signature"); return h; }), 401 },
            { "no webhook headers", PipelineHarness.Request("POST", "offboardings", Encoding.UTF8.GetBytes(valid), new Dictionary<string, string> { ["Content-Type"] = "application/json" }), 401 },
            { "bad signature", WithHeaders(valid, h => { h["webhook-signature"] = "v1," + Convert.ToBase64String(new byte[32]); return h; }), 401 },
            { "garbage signature", WithHeaders(valid, h => { h["webhook-signature"] = "v1,!!!not-base64!!!"; return h; }), 401 },
            { "old timestamp", PipelineHarness.SignedRequest(valid, at: old), 401 },
            { "future timestamp", PipelineHarness.SignedRequest(valid, at: DateTimeOffset.UtcNow.AddMinutes(10)), 401 },
            { "timestamp swapped after signing", WithHeaders(valid, h => { h["webhook-timestamp"] = (long.Parse(h["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture); return h; }), 401 },
            { "id swapped after signing (replay under another id)", WithHeaders(valid, h => { h["webhook-id"] = "msg_other"; return h; }), 401 },
            { "signed by an unknown secret", WithHeaders(valid, h => { h["webhook-signature"] = StandardWebhookSigner.Sign(WebhookSecret.Parse("whsec_" + Convert.ToBase64String(new byte[24])), h["webhook-id"], DateTimeOffset.UtcNow, Encoding.UTF8.GetBytes(valid)); return h; }), 401 },
        };
        return data;
    }

    /// <summary>The hostile cases by name: each runs (and reports) on its own, its request built when it runs.</summary>
    public static TheoryData<string> HostileRequestNames() => [.. HostileRequests().Select(row => (string)row[0])];

    [Theory]
    [MemberData(nameof(HostileRequestNames))]
    public async Task Hostile_requests_get_problem_details_and_nothing_is_stored_or_queued(string name)
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var before = await CountsAsync(pipeline);
        var row = Assert.Single(HostileRequests(), r => (string)r[0] == name);
        var request = (TestRequest)row[1];
        var expected = (int)row[2];

        var response = await pipeline.PostAsync(request);

        Assert.True(expected == response.StatusCode, $"{name}: expected {expected}, got {response.StatusCode}: {response.Body}");
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(response.Body!);
        Assert.Equal(expected, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()), name);
        Assert.True(response.Body!.Length < 20_000, $"{name}: the answer echoes too much");
        Assert.Equal(before, await CountsAsync(pipeline));
    }

    [Fact]
    public async Task After_every_hostile_request_a_good_request_is_still_accepted()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var cases = HostileRequests();
        Assert.True(cases.Count >= 25);
        foreach (var row in cases)
        {
            await pipeline.PostAsync((TestRequest)row[1]);
        }

        // Still answering: a good request right after all that is accepted.
        var ok = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail)));
        Assert.Equal(202, ok.StatusCode);
    }

    [Fact]
    public async Task A_webhook_id_seen_before_makes_no_second_offboarding_whatever_its_copy_carries()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        await pipeline.Storage.Requests.ClearMessagesAsync(); // other tests' messages would add Zoho calls
        var messageId = $"msg_{Guid.NewGuid():N}";
        var first = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail), messageId));
        Assert.Equal(202, first.StatusCode);
        var id = IdOf(first);
        await pipeline.DrainRequestsAsync();

        // The same message id again, freshly signed, once with another event in the body and once with a body that does not read.
        var otherEvent = NewEvent();
        var changed = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(otherEvent, Users.ManagerEmail), messageId));
        var unreadable = await pipeline.PostAsync(PipelineHarness.SignedRequest("""{"source":"hr"}""", messageId));

        // Both are answered as the message's offboarding, and nothing new is stored or queued.
        Assert.Equal((200, id), (changed.StatusCode, IdOf(changed)));
        Assert.Equal((200, id), (unreadable.StatusCode, IdOf(unreadable)));
        Assert.Null(await pipeline.Repository.GetAsync(OffboardingId.From("hris-test", otherEvent), CancellationToken.None));
        Assert.Empty((await pipeline.Storage.Requests.PeekMessagesAsync(32)).Value);
        Assert.Equal(0, await pipeline.ZohoCallsAsync(Zoho.Crm.Sandbox.Api.ZohoRoutes.TransferAndDelete, Users.ManagerId));

        // Run to the end: a job left running would hold one of the shared Zoho job slots for later tests.
        Assert.Equal(OffboardingState.Completed, (await pipeline.PollUntilAsync(id, r => r.State.IsTerminal())).State);
    }

    [Fact]
    public async Task A_webhook_id_whose_offboarding_is_not_stored_yet_is_answered_409_and_adds_nothing()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        await pipeline.Storage.Requests.ClearMessagesAsync();
        var messageId = $"msg_{Guid.NewGuid():N}";

        // As while the first copy's intake is between claiming the message and storing its record.
        var firstId = OffboardingId.From("hris-test", NewEvent());
        var messages = pipeline.Services.GetRequiredService<WebhookMessageIndex>();
        Assert.Equal(firstId, await messages.ClaimAsync(messageId, firstId, DateTimeOffset.UtcNow, CancellationToken.None));

        var otherEvent = NewEvent();
        var copy = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(otherEvent, Users.LeaverEmail), messageId));

        Assert.Equal(409, copy.StatusCode);
        Assert.Contains(firstId, copy.Body, StringComparison.Ordinal);
        Assert.Null(await pipeline.Repository.GetAsync(OffboardingId.From("hris-test", otherEvent), CancellationToken.None));
        Assert.Empty((await pipeline.Storage.Requests.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task Two_copies_of_one_webhook_id_racing_with_different_bodies_make_one_offboarding()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        await pipeline.Storage.Requests.ClearMessagesAsync(); // other tests' messages would add Zoho calls
        var messageId = $"msg_{Guid.NewGuid():N}";
        var events = new[] { NewEvent(), NewEvent() };

        var answers = await Task.WhenAll(events.Select(e =>
            Task.Run(() => pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(e, Users.LeaverEmail), messageId)))));

        // One copy made the offboarding; the other is answered as it (200) or, if it came before the record, with 409.
        var made = Assert.Single(answers, a => a.StatusCode == 202);
        var other = Assert.Single(answers, a => a.StatusCode != 202);
        Assert.True(other.StatusCode is 200 or 409, $"the other copy was answered {other.StatusCode}");
        var id = IdOf(made);
        var stored = await Task.WhenAll(events.Select(e => pipeline.Repository.GetAsync(OffboardingId.From("hris-test", e), CancellationToken.None)));
        Assert.Equal(id, Assert.Single(stored.OfType<StoredOffboarding>()).Record.Id);

        await pipeline.DrainRequestsAsync();
        Assert.Equal(1, await pipeline.ZohoCallsAsync(Zoho.Crm.Sandbox.Api.ZohoRoutes.TransferAndDelete, Users.LeaverId));
        Assert.Equal(OffboardingState.Completed, (await pipeline.PollUntilAsync(id, r => r.State.IsTerminal())).State);
    }

    private static string IdOf(HttpAnswer response)
    {
        using var body = JsonDocument.Parse(response.Body!);
        return body.RootElement.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_schema_error_lists_every_problem()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var response = await pipeline.PostAsync(Hostile("""{"source":"bad source","sourceEventId":"","employee":{"workEmail":"nope"},"dryRun":1}"""));
        Assert.Equal(422, response.StatusCode);
        using var problem = JsonDocument.Parse(response.Body!);
        var pointers = problem.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("pointer").GetString()).ToList();
        Assert.Equal(["/dryRun", "/employee/workEmail", "/source", "/sourceEventId"], pointers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_future_effective_time_waits_in_the_queue_and_is_not_processed_early()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var effective = DateTimeOffset.UtcNow.AddMinutes(5);
        var json = PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail, $",\"effectiveAt\":\"{effective.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\"");
        var response = await pipeline.PostAsync(PipelineHarness.SignedRequest(json));
        Assert.Equal(202, response.StatusCode);
        var id = JsonDocument.Parse(response.Body!).RootElement.GetProperty("id").GetString()!;

        // The message is there but invisible until the effective time.
        Assert.DoesNotContain((await pipeline.Storage.Requests.PeekMessagesAsync(32)).Value, m => m.MessageText.Contains(id, StringComparison.Ordinal));
        await pipeline.DrainRequestsAsync();
        var record = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Accepted, record.State);
        Assert.True(record.EffectiveAt >= effective.AddSeconds(-1));

        // The sweep does not jump the gun either.
        await pipeline.Poll.RunCycleAsync(CancellationToken.None);
        Assert.Equal(OffboardingState.Accepted, (await pipeline.GetAsync(id)).State);
    }

    [Fact]
    public async Task A_message_that_surfaces_before_its_time_is_deferred_again()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var effective = DateTimeOffset.UtcNow.AddDays(30);
        var json = PipelineHarness.UserRequest(NewEvent(), Users.LeaverEmail, $",\"effectiveAt\":\"{effective.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\"");
        var id = JsonDocument.Parse((await pipeline.PostAsync(PipelineHarness.SignedRequest(json))).Body!).RootElement.GetProperty("id").GetString()!;

        // As the queue would after its 7-day maximum: the message shows up while the effective time is weeks away.
        var text = $$"""{"id":"{{id}}","notBefore":"{{effective:O}}"}""";
        await pipeline.Transfer.RunAsync(QueuesModelFactory.QueueMessage("m1", "pop-receipt", text, 1), CancellationToken.None);

        Assert.Equal(OffboardingState.Accepted, (await pipeline.GetAsync(id)).State);
        Assert.Equal(0, await pipeline.ZohoCallsAsync(Zoho.Crm.Sandbox.Api.ZohoRoutes.TransferAndDelete, Users.LeaverId));
    }

    [Fact]
    public async Task Merge_webhooks_are_verified_mapped_and_deduplicated()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var merge = pipeline.Http("MergeIntake");
        var employeeId = Guid.NewGuid().ToString();
        var body = Encoding.UTF8.GetBytes($$$"""
            {"hook":{"id":"h","event":"Employee.changed","target":"https://x"},"linked_account":{"id":"la-9","integration":"BambooHR"},
             "data":{"id":"{{{employeeId}}}","work_email":"{{{Users.LeaverWithoutManagerEmail}}}","employment_status":"INACTIVE","termination_date":"2020-01-31T00:00:00Z"}}
            """);
        TestRequest Request(string signature) => PipelineHarness.Request("POST", "webhooks/merge", body,
            new Dictionary<string, string> { ["Content-Type"] = "application/json", [MergeSignatureVerifier.SignatureHeader] = signature });

        Assert.Equal(401, (await merge.RunAsync(Request(MergeSignatureVerifier.Sign("wrong-key", body)), CancellationToken.None)).StatusCode);

        var first = await merge.RunAsync(Request(MergeSignatureVerifier.Sign(PipelineHarness.MergeKey, body)), CancellationToken.None);
        var again = await merge.RunAsync(Request(MergeSignatureVerifier.Sign(PipelineHarness.MergeKey, body)), CancellationToken.None);
        Assert.Equal(202, first.StatusCode);
        Assert.Equal(200, again.StatusCode);

        var id = JsonDocument.Parse(first.Body!).RootElement.GetProperty("id").GetString()!;
        var record = await pipeline.GetAsync(id);
        Assert.Equal("merge", record.Request.Source);
        Assert.Equal(Users.LeaverWithoutManagerEmail, record.Request.Employee!.WorkEmail);

        var active = Encoding.UTF8.GetBytes("""{"hook":{},"linked_account":{"id":"la-9"},"data":{"id":"e","employment_status":"ACTIVE"}}""");
        var ignored = await merge.RunAsync(PipelineHarness.Request("POST", "webhooks/merge", active,
            new Dictionary<string, string> { ["Content-Type"] = "application/json", [MergeSignatureVerifier.SignatureHeader] = MergeSignatureVerifier.Sign(PipelineHarness.MergeKey, active) }), CancellationToken.None);
        Assert.Equal(200, ignored.StatusCode);
        Assert.Contains("ignored", ignored.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_listing_filters_by_state_and_refuses_bad_queries()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var id = JsonDocument.Parse((await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest(NewEvent(), Users.BreakGlassEmail)))).Body!).RootElement.GetProperty("id").GetString()!;
        await pipeline.DrainRequestsAsync();

        var list = pipeline.Http("ListOffboardings");
        var failed = await list.RunAsync(PipelineHarness.Request("GET", "offboardings", ReadOnlyMemory<byte>.Empty, PipelineHarness.OperatorHeaders(), query: new Dictionary<string, string> { ["state"] = "failed", ["pageSize"] = "200" }), CancellationToken.None);
        Assert.Equal(200, failed.StatusCode);
        using var doc = JsonDocument.Parse(failed.Body!);
        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("id").GetString() == id);
        Assert.All(items, i => Assert.Equal("failed", i.GetProperty("state").GetString()));

        foreach (var query in new[] { new Dictionary<string, string> { ["state"] = "exploded" }, new Dictionary<string, string> { ["pageSize"] = "-1" }, new Dictionary<string, string> { ["pageSize"] = "201" }, new Dictionary<string, string> { ["state"] = "' or 1 eq 1" }, new Dictionary<string, string> { ["from"] = "yesterday" }, new Dictionary<string, string> { ["continuationToken"] = "not-a-token" } })
        {
            var bad = await list.RunAsync(PipelineHarness.Request("GET", "offboardings", ReadOnlyMemory<byte>.Empty, PipelineHarness.OperatorHeaders(), query: query), CancellationToken.None);
            Assert.Equal(400, bad.StatusCode);
        }

        var get = pipeline.Http("GetOffboarding");
        foreach (var bogus in new[] { "nope", "' or 1 eq 1", new string('a', 32) })
        {
            var missing = await get.RunAsync(PipelineHarness.Request("GET", "offboardings/x", ReadOnlyMemory<byte>.Empty, PipelineHarness.OperatorHeaders(), new Dictionary<string, string> { ["id"] = bogus }), CancellationToken.None);
            Assert.Equal(404, missing.StatusCode);
        }
    }

    [Fact]
    public async Task Health_reports_storage_and_zoho()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var health = await pipeline.Http("Health").RunAsync(PipelineHarness.Request("GET", "health", ReadOnlyMemory<byte>.Empty, new Dictionary<string, string>()), CancellationToken.None);
        Assert.Equal(200, health.StatusCode);
        Assert.Contains("\"healthy\"", health.Body, StringComparison.Ordinal);

        await using var broken = new PipelineHarness(Fixture, new Dictionary<string, string?> { ["Zoho:RefreshToken"] = "1000.not-a-real-refresh-token", ["Zoho:MaxRetries"] = "0" });
        var unhealthy = await broken.Http("Health").RunAsync(PipelineHarness.Request("GET", "health", ReadOnlyMemory<byte>.Empty, new Dictionary<string, string>()), CancellationToken.None);
        Assert.Equal(503, unhealthy.StatusCode);
        Assert.DoesNotContain("not-a-real-refresh-token", unhealthy.Body, StringComparison.Ordinal);
    }

    private static async Task<(int Records, int Due, int Messages)> CountsAsync(PipelineHarness pipeline)
    {
        var records = 0;
        await foreach (var _ in pipeline.Storage.Offboardings.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            records++;
        }

        var due = 0;
        await foreach (var _ in pipeline.Storage.Due.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            due++;
        }

        var properties = (await pipeline.Storage.Requests.GetPropertiesAsync()).Value;
        return (records, due, properties.ApproximateMessagesCount);
    }
}
