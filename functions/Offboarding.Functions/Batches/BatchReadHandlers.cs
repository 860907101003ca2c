using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Http;
using Offboarding.Functions.Operators;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Batches;

/// <summary><c>GET /api/batches</c>: every batch, newest first, with its progress (not its people). An ended batch's progress
/// is the one stored when it ended: a history of batches costs one row each, not every person of each.</summary>
public sealed class ListBatchesHandler(BatchStore store, OffboardingStore offboardings, TimeProvider time) : IOperatorHandler
{
    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var views = new List<BatchView>();
        await foreach (var batch in store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var progress = batch.FinalProgress ?? await BatchResponses.ProgressAsync(batch, store, offboardings, now, cancellationToken).ConfigureAwait(false);
            views.Add(BatchView.From(batch, progress, null));
        }

        return HttpAnswer.Json(200, new { items = views.OrderByDescending(v => v.CreatedAt).ToList() });
    }
}

/// <summary><c>GET /api/batches/{id}</c>: the batch, its estimate and progress, and every person, problems first; with
/// <c>?view=progress</c> the same without the people (<c>members</c> null), for following a running batch.</summary>
public sealed class GetBatchHandler(BatchStore store, OffboardingStore offboardings, TimeProvider time) : IOperatorHandler
{
    public const string FullView = "full";
    public const string ProgressView = "progress";

    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var view = request.QueryValue("view") ?? FullView;
        if (view is not (FullView or ProgressView))
        {
            return HttpAnswer.Problem(400, "invalid-query", "Invalid query", "See errors.",
                [new ValidationProblem("view", $"Must be {FullView} (the batch with every person, the default) or {ProgressView} (the batch without its people).")]);
        }

        if (BatchResponses.RouteId(request) is not { } id || await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return BatchResponses.NotFound();
        }

        var now = time.GetUtcNow();
        return view == ProgressView
            ? BatchResponses.Progress(stored.Batch, await BatchResponses.ProgressAsync(stored.Batch, store, offboardings, now, cancellationToken).ConfigureAwait(false))
            : await BatchResponses.ViewAsync(200, stored.Batch, store, offboardings, now, cancellationToken).ConfigureAwait(false);
    }
}
