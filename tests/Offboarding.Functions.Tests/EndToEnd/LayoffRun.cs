using System.Text.Json;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>A layoff sent through a pipeline and stepped along (the queue drained, a poll cycle run), noting anyone who
/// failed at any step, for the tests that watch a whole layoff wait and finish.</summary>
internal sealed class LayoffRun(PipelineHarness pipeline, IReadOnlyList<string> ids)
{
    public IReadOnlyList<string> Ids { get; } = ids;

    /// <summary>Offboardings seen failed at any step, with why.</summary>
    public HashSet<string> EverFailed { get; } = new(StringComparer.Ordinal);

    public static async Task<LayoffRun> SendAsync(PipelineHarness pipeline, LeaverOrg org)
    {
        var ids = new List<string>();
        foreach (var leaver in org.Leavers)
        {
            var response = await pipeline.PostAsync(PipelineHarness.SignedRequest(PipelineHarness.UserRequest($"evt-{Guid.NewGuid():N}", leaver.Email)));
            Assert.Equal(202, response.StatusCode);
            using var body = JsonDocument.Parse(response.Body!);
            ids.Add(body.RootElement.GetProperty("id").GetString()!);
        }

        return new LayoffRun(pipeline, ids);
    }

    /// <summary>Delivers what the queue has, runs a poll cycle, and reads every record.</summary>
    public async Task<IReadOnlyList<OffboardingRecord>> StepAsync()
    {
        await pipeline.DrainRequestsAsync();
        await pipeline.Poll.RunCycleAsync(CancellationToken.None);
        var records = new List<OffboardingRecord>();
        foreach (var id in Ids)
        {
            var record = await pipeline.GetAsync(id);
            if (record.State == OffboardingState.Failed)
            {
                EverFailed.Add($"{id}: {record.FailureCode} {record.FailureMessage}");
            }

            records.Add(record);
        }

        return records;
    }

    public static bool AllEnded(IReadOnlyList<OffboardingRecord> records) => records.All(r => r.State.IsTerminal() && r.PendingEvents.Count == 0);

    public static Task<string> Describe(IReadOnlyList<OffboardingRecord> records) =>
        Task.FromResult(string.Join(", ", records.GroupBy(r => r.State).Select(g => $"{g.Count()} {g.Key}")));
}
