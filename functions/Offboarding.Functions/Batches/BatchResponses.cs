using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Http;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Batches;

/// <summary>The answers the batch routes share.</summary>
public static class BatchResponses
{
    public static HttpAnswer NotFound() => HttpAnswer.Problem(404, "not-found", "No such batch", "No batch has this id.");

    /// <summary>The batch id of the route, when it has a batch id's shape (32 lowercase hex); anything else is never looked up.</summary>
    public static string? RouteId(HttpRequest request) =>
        request.RouteValue("id") is { Length: 32 } id && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')) ? id : null;

    /// <summary>One refused upload: every problem by line and column (the first <see cref="BatchUploadReader.MaxListedProblems"/>), with the total.</summary>
    public static HttpAnswer Refused(IReadOnlyList<BatchRowProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var listed = problems.OrderBy(p => p.Line ?? 0).Take(BatchUploadReader.MaxListedProblems).ToList();
        var rows = problems.Where(p => p.Line is not null).Select(p => p.Line).Distinct().Count();
        var detail = $"{problems.Count} problem(s) in {rows} row(s); nothing was stored." + (problems.Count > listed.Count ? $" The first {listed.Count} are listed." : string.Empty);
        return HttpAnswer.Problem(422, "invalid-batch", "The batch is not valid", detail,
            new Dictionary<string, object?> { ["errors"] = listed, ["total"] = problems.Count });
    }

    public static async Task<HttpAnswer> ViewAsync(int status, BatchRecord batch, BatchStore store, OffboardingStore offboardings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(store);
        var members = await store.MembersAsync(batch.Id, cancellationToken).ConfigureAwait(false);
        var (progress, states) = await BatchProgress.ReadAsync(batch, members, offboardings, now, cancellationToken).ConfigureAwait(false);
        return View(status, batch, members, states, progress);
    }

    /// <summary>A batch's progress from its people's statuses (not their documents).</summary>
    public static async Task<BatchProgress> ProgressAsync(BatchRecord batch, BatchStore store, OffboardingStore offboardings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(store);
        var members = await store.MemberProgressAsync(batch.Id, cancellationToken).ConfigureAwait(false);
        return await BatchProgress.ReadAsync(batch, members, offboardings, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The batch without its people (<c>?view=progress</c>).</summary>
    public static HttpAnswer Progress(BatchRecord batch, BatchProgress progress)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return HttpAnswer.Json(200, BatchView.From(batch, progress, null), new Dictionary<string, string> { ["Location"] = $"/api/batches/{batch.Id}" });
    }

    /// <summary>A batch just made, from the members in hand: nobody of it is started, so there is nothing to read back.</summary>
    public static HttpAnswer Created(BatchRecord batch, IReadOnlyList<BatchMember> members, DateTimeOffset now)
    {
        var none = new Dictionary<string, Domain.OffboardingState>();
        return View(201, batch, members, none, BatchProgress.From(batch, members, none, now));
    }

    private static HttpAnswer View(int status, BatchRecord batch, IReadOnlyList<BatchMember> members, IReadOnlyDictionary<string, Domain.OffboardingState> states, BatchProgress progress) =>
        HttpAnswer.Json(status, BatchView.From(batch, progress, MemberView.ProblemsFirst(members, states)),
            new Dictionary<string, string> { ["Location"] = $"/api/batches/{batch.Id}" });

    public static HttpAnswer Refusal(BatchDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Status switch
        {
            404 => NotFound(),
            403 => HttpAnswer.Problem(403, "second-approver-required", "Another operator must approve", decision.Problem),
            _ => HttpAnswer.Problem(decision.Status, "conflict", "Not possible in the batch's state", decision.Problem),
        };
    }
}
