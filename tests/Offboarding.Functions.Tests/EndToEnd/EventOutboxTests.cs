using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Events;
using Offboarding.Functions.Storage;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>Two writers holding the same record never both send its event: the claim decides who publishes.</summary>
[Collection(PipelineTestGroup.Name)]
public sealed class EventOutboxTests : SandboxResetTest
{
    public EventOutboxTests(PipelineFixture fixture)
        : base(fixture)
    {
    }

    private static EventOutbox Outbox(PipelineHarness pipeline) => pipeline.Services.GetRequiredService<EventOutbox>();

    private static OffboardingEventPublisher Publisher(PipelineHarness pipeline) => pipeline.Services.GetRequiredService<OffboardingEventPublisher>();

    private static EventClaim Lapsed(EventClaim claim) => claim with { At = DateTimeOffset.UtcNow - EventOutbox.ClaimLease - TimeSpan.FromSeconds(1) };

    private static async Task<string> SubmittedAsync(PipelineHarness pipeline)
    {
        var response = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", Users.LeaverEmail)));
        var id = JsonDocument.Parse(response.Body!).RootElement.GetProperty("id").GetString()!;
        await pipeline.DrainRequestsAsync();
        Assert.Equal(OffboardingState.Submitted, (await pipeline.GetAsync(id)).State);
        return id;
    }

    private static async Task<int> CompletionsAsync(PipelineHarness pipeline, string id) =>
        (await pipeline.EventsForAsync(id)).Count(e => e.Type == "com.northwind.offboarding.completed");

    /// <summary>Lets the claim lapse and runs poll cycles: the recovery sends the completion event, once.</summary>
    private static async Task AssertTheRecoverySendsItOnceAsync(PipelineHarness pipeline, string id)
    {
        pipeline.Time.Advance(EventOutbox.RetryAfter + TimeSpan.FromSeconds(1));
        var done = await pipeline.PollUntilAsync(id, r => r.PendingEvents.Count == 0);
        Assert.Contains(OffboardingOutcome.Completed, done.PublishedEvents);
        Assert.Equal(1, await CompletionsAsync(pipeline, id));
    }

    [Fact]
    public async Task A_writer_that_finds_a_live_claim_leaves_the_event_to_its_owner()
    {
        await using var owner = new PipelineHarness(Fixture);
        await using var other = new PipelineHarness(Fixture);
        var id = await SubmittedAsync(owner);

        // The owner decides the outcome and claims its event in the same write, then is slow to publish.
        var stored = (await owner.Repository.GetAsync(id, CancellationToken.None))!;
        stored.Record.Complete(DateTimeOffset.UtcNow, "test", "decided by the owner");
        var claim = Outbox(owner).Claim(stored.Record);
        var saved = await owner.Repository.TrySaveAsync(stored, DueAt.At(DateTimeOffset.UtcNow), CancellationToken.None);
        Assert.NotNull(claim);
        Assert.NotNull(saved);

        // Meanwhile a redelivery and a poll cycle on another instance come across the pending event.
        await Outbox(other).RecoverAsync((await other.Repository.GetAsync(id, CancellationToken.None))!, CancellationToken.None);
        await other.Poll.RunCycleAsync(CancellationToken.None);
        Assert.Equal(0, await CompletionsAsync(owner, id));

        await Outbox(owner).PublishAsync(saved, claim, CancellationToken.None);
        await Outbox(other).RecoverAsync((await other.Repository.GetAsync(id, CancellationToken.None))!, CancellationToken.None);

        var record = await owner.GetAsync(id);
        Assert.Empty(record.PendingEvents);
        Assert.Null(record.EventClaim);
        Assert.Equal(1, await CompletionsAsync(owner, id));
    }

    [Fact]
    public async Task The_event_of_a_writer_that_died_holding_the_claim_is_sent_once_by_the_recovery()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var id = await SubmittedAsync(pipeline);

        var stored = (await pipeline.Repository.GetAsync(id, CancellationToken.None))!;
        stored.Record.Complete(DateTimeOffset.UtcNow, "test", "decided by a writer that then died");
        var deadClaim = new EventClaim("dead-writer", DateTimeOffset.UtcNow - EventOutbox.ClaimLease - TimeSpan.FromSeconds(1));
        stored.Record.EventClaim = deadClaim;
        var abandoned = await pipeline.Repository.TrySaveAsync(stored, DueAt.At(DateTimeOffset.UtcNow), CancellationToken.None);
        Assert.NotNull(abandoned);

        var done = await pipeline.PollUntilAsync(id, r => r.PendingEvents.Count == 0);
        Assert.Equal([OffboardingOutcome.Submitted, OffboardingOutcome.Completed], done.PublishedEvents);

        // Had the writer only stalled, its lapsed claim no longer lets it publish.
        await Outbox(pipeline).PublishAsync(abandoned, deadClaim, CancellationToken.None);
        Assert.Equal(1, await CompletionsAsync(pipeline, id));
    }
    [Fact]
    public async Task An_event_revealed_but_not_recorded_before_a_crash_is_not_sent_again_by_the_recovery()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var id = await SubmittedAsync(pipeline);

        // A writer decides, stages and records the hidden copy, reveals it, and dies before marking it published.
        var stored = (await pipeline.Repository.GetAsync(id, CancellationToken.None))!;
        stored.Record.Complete(DateTimeOffset.UtcNow, "test", "decided by a writer that then died");
        var claim = Outbox(pipeline).Claim(stored.Record)!;
        var staged = await Publisher(pipeline).StageAsync(stored.Record, OffboardingOutcome.Completed, CancellationToken.None);
        stored.Record.StagedEvents.Add(staged);
        stored.Record.EventClaim = Lapsed(claim);
        var abandoned = await pipeline.Repository.TrySaveAsync(stored, DueAt.At(DateTimeOffset.UtcNow), CancellationToken.None);
        Assert.NotNull(abandoned);
        await Publisher(pipeline).RevealAsync(abandoned.Record, staged, CancellationToken.None);

        var done = await pipeline.PollUntilAsync(id, r => r.PendingEvents.Count == 0);

        Assert.Equal([OffboardingOutcome.Submitted, OffboardingOutcome.Completed], done.PublishedEvents);
        Assert.Empty(done.StagedEvents);
        Assert.Equal(1, await CompletionsAsync(pipeline, id));
    }

    [Fact]
    public async Task A_copy_queued_but_never_recorded_stays_hidden_and_the_recovery_sends_one()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var id = await SubmittedAsync(pipeline);

        // A writer queues the hidden copy and dies before recording its receipt (or the queue's answer was lost).
        var stored = (await pipeline.Repository.GetAsync(id, CancellationToken.None))!;
        stored.Record.Complete(DateTimeOffset.UtcNow, "test", "decided by a writer that then died");
        stored.Record.EventClaim = Lapsed(Outbox(pipeline).Claim(stored.Record)!);
        var abandoned = await pipeline.Repository.TrySaveAsync(stored, DueAt.At(DateTimeOffset.UtcNow), CancellationToken.None);
        Assert.NotNull(abandoned);
        await Publisher(pipeline).StageAsync(abandoned.Record, OffboardingOutcome.Completed, CancellationToken.None);
        Assert.Equal(0, await CompletionsAsync(pipeline, id));

        var done = await pipeline.PollUntilAsync(id, r => r.PendingEvents.Count == 0);

        Assert.Contains(OffboardingOutcome.Completed, done.PublishedEvents);
        Assert.Equal(1, await CompletionsAsync(pipeline, id));
    }

    [Fact]
    public async Task A_finished_job_whose_publisher_died_is_looked_at_again_when_its_claim_lapses_and_its_event_is_sent_once()
    {
        await ClearSharedWorkAsync(); // the cycle below must reach this record, not earlier tests' due rows
        await using var pipeline = new PipelineHarness(Fixture);
        var id = await SubmittedAsync(pipeline);

        // The poll's decision on a finished job keeps the row that was due for the poll; its publisher dies right after it.
        var stored = (await pipeline.Repository.GetAsync(id, CancellationToken.None))!;
        stored.Record.Complete(pipeline.Time.GetUtcNow(), "test", "decided by a poll that then died");
        var claim = Outbox(pipeline).Claim(stored.Record)!;
        Assert.NotNull(await pipeline.Repository.TrySaveAsync(stored, DueAt.At(pipeline.Time.GetUtcNow()), CancellationToken.None));

        // The next cycle finds the row due and the claim live: the row moves to just after the claim lapses, nothing is sent.
        await pipeline.Poll.RunCycleAsync(CancellationToken.None);
        var waiting = await pipeline.GetAsync(id);
        Assert.Equal(claim.At + EventOutbox.RetryAfter, DueIndex.DueTimeOf(waiting.DueKey!));
        Assert.Equal(0, await CompletionsAsync(pipeline, id));

        pipeline.Time.Advance(EventOutbox.RetryAfter + TimeSpan.FromSeconds(1));
        var done = await pipeline.PollUntilAsync(id, r => r.PendingEvents.Count == 0);
        Assert.Null(done.DueKey);
        Assert.Equal(1, await CompletionsAsync(pipeline, id));
    }

    [Fact]
    public async Task A_decision_that_loses_its_write_sends_nothing_and_leaves_no_hidden_copy()
    {
        await using var pipeline = new PipelineHarness(Fixture);
        var id = await SubmittedAsync(pipeline);
        await pipeline.Storage.Events.ClearMessagesAsync();

        // Two writers read the record; the first writes, so the second's ETag is stale when it decides.
        var first = (await pipeline.Repository.GetAsync(id, CancellationToken.None))!;
        var second = (await pipeline.Repository.GetAsync(id, CancellationToken.None))!;
        first.Record.Record(pipeline.Time.GetUtcNow(), "test", "touched");
        Assert.NotNull(await pipeline.Repository.TrySaveAsync(first, DueAt.Keep, CancellationToken.None));

        second.Record.Complete(pipeline.Time.GetUtcNow(), "test", "decided on a stale read");
        Assert.Null(await Outbox(pipeline).SaveAndPublishAsync(second, DueAt.Keep, CancellationToken.None));

        Assert.Empty(second.Record.StagedEvents);
        var stored = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Submitted, stored.State);
        Assert.Empty(stored.PendingEvents);

        // The staged copy was deleted, not left hidden to expire: the queue holds nothing at all.
        Assert.Equal(0, (await pipeline.Storage.Events.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_decision_whose_write_landed_but_was_answered_as_lost_keeps_its_hidden_copy_and_the_recovery_sends_it()
    {
        await ClearSharedWorkAsync();
        await using var pipeline = new PipelineHarness(Fixture);
        var id = await SubmittedAsync(pipeline);

        // The write lands, its answer is lost, and the SDK's retry meets the write's own new ETag: the caller sees a 412.
        var stored = (await pipeline.Repository.GetAsync(id, CancellationToken.None))!;
        stored.Record.Complete(pipeline.Time.GetUtcNow(), "test", "decided, answer lost");
        pipeline.StorageCalls.FailAfterSending(call => call.StartsWith("PUT /" + StorageNames.OffboardingTable, StringComparison.Ordinal), 412);
        var answer = await Outbox(pipeline).SaveAndPublishAsync(stored, DueAt.Keep, CancellationToken.None);
        pipeline.StorageCalls.StopFailing();

        Assert.Null(answer);
        var written = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Completed, written.State);
        Assert.Single(written.StagedEvents); // the copy the stored decision holds was not deleted

        await AssertTheRecoverySendsItOnceAsync(pipeline, id);
    }

    [Fact]
    public async Task A_decision_is_written_while_its_event_cannot_be_queued_and_the_event_is_sent_once_the_claim_lapses()
    {
        await ClearSharedWorkAsync();
        await using var pipeline = new PipelineHarness(Fixture);
        var id = await SubmittedAsync(pipeline);

        var stored = (await pipeline.Repository.GetAsync(id, CancellationToken.None))!;
        stored.Record.Complete(pipeline.Time.GetUtcNow(), "test", "decided while the events queue failed");
        pipeline.StorageCalls.Fail(call => call.StartsWith("POST /" + StorageNames.EventQueue, StringComparison.Ordinal));
        var saved = await Outbox(pipeline).SaveAndPublishAsync(stored, DueAt.Keep, CancellationToken.None);
        pipeline.StorageCalls.StopFailing();

        Assert.NotNull(saved);
        var written = await pipeline.GetAsync(id);
        Assert.Equal(OffboardingState.Completed, written.State);
        Assert.Contains(OffboardingOutcome.Completed, written.PendingEvents);
        Assert.Equal(0, await CompletionsAsync(pipeline, id));

        await AssertTheRecoverySendsItOnceAsync(pipeline, id);
    }
}
