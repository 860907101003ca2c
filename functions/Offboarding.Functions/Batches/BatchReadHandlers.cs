using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Http;
using Offboarding.Functions.Operators;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Batches;

/// <summary><c>GET /api/batches</c>: every batch, newest first, with its progress (not its people).</summary>
public sealed class ListBatchesHandler(BatchStore store, OffboardingStore offboardings, TimeProvider time) : IOperatorHandler
{
    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var views = new List<BatchView>();
        await foreach (var batch in store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var members = await store.MembersAsync(batch.Id, cancellationToken).ConfigureAwait(false);
            var (progress, _) = await BatchProgress.ReadAsync(batch, members, offboardings, now, cancellationToken).ConfigureAwait(false);
            views.Add(BatchView.From(batch, progress, null));
        }

        return HttpAnswer.Json(200, new { items = views.OrderByDescending(v => v.CreatedAt).ToList() });
    }
}

/// <summary><c>GET /api/batches/{id}</c>: the batch, its estimate and progress, and every person, problems first.</summary>
public sealed class GetBatchHandler(BatchStore store, OffboardingStore offboardings, TimeProvider time) : IOperatorHandler
{
    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return BatchResponses.RouteId(request) is { } id && await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } stored
            ? await BatchResponses.ViewAsync(200, stored.Batch, store, offboardings, time.GetUtcNow(), cancellationToken).ConfigureAwait(false)
            : BatchResponses.NotFound();
    }
}
