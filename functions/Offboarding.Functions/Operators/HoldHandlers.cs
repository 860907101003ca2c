using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Operators;

/// <summary><c>GET /api/holds</c>: the blast-radius hold and what it holds (the rest: <c>GET /api/offboardings?state=held</c>).</summary>
public sealed class GetHoldHandler(BlastRadiusHold hold, OffboardingRepository repository) : IOperatorHandler
{
    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken) =>
        HttpAnswer.Json(200, await HoldStatusView.ReadAsync(hold, repository, cancellationToken).ConfigureAwait(false));
}

/// <summary><c>POST /api/holds/approve</c> with <c>{"ids"?: […]}</c>: releases the listed held offboardings, or all of them.</summary>
public sealed class ApproveHoldHandler(HoldDesk desk, BlastRadiusHold hold, OffboardingRepository repository) : IOperatorHandler
{
    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (parsed, problem) = OperatorRequestBody.Read<HoldBody>(body);
        if (problem is not null)
        {
            return problem;
        }

        if (HoldBody.CheckIds(parsed!.Ids) is { } invalid)
        {
            return OperatorResponses.Invalid(invalid);
        }

        var result = await desk.ApproveAsync(parsed.Ids, caller, cancellationToken).ConfigureAwait(false);
        return HttpAnswer.Json(200, new { released = result.Done, skipped = result.Skipped, hold = await HoldStatusView.ReadAsync(hold, repository, cancellationToken).ConfigureAwait(false) });
    }
}

/// <summary><c>POST /api/holds/reject</c> with <c>{"ids"?: […], "reason": "…"}</c>: cancels the listed held offboardings, or all of them.</summary>
public sealed class RejectHoldHandler(HoldDesk desk, BlastRadiusHold hold, OffboardingRepository repository) : IOperatorHandler
{
    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (parsed, problem) = OperatorRequestBody.Read<HoldBody>(body);
        if (problem is not null)
        {
            return problem;
        }

        var problems = new[] { HoldBody.CheckIds(parsed!.Ids), OperatorResponses.CheckReason(parsed.Reason, required: true) }.OfType<ValidationProblem>().ToArray();
        if (problems.Length > 0)
        {
            return OperatorResponses.Invalid(problems);
        }

        var result = await desk.RejectAsync(parsed.Ids, caller, parsed.Reason!.Trim(), cancellationToken).ConfigureAwait(false);
        return HttpAnswer.Json(200, new { cancelled = result.Done, skipped = result.Skipped, hold = await HoldStatusView.ReadAsync(hold, repository, cancellationToken).ConfigureAwait(false) });
    }
}

/// <summary>The body of approve and reject: which held offboardings (absent: all), and for a reject, why.</summary>
internal sealed record HoldBody(IReadOnlyList<string>? Ids, string? Reason)
{
    public const int MaxIds = 1000;

    public static ValidationProblem? CheckIds(IReadOnlyList<string>? ids) => ids switch
    {
        null => null,
        { Count: 0 } => new ValidationProblem("/ids", "List at least one id, or leave 'ids' out to act on every held offboarding."),
        { Count: > MaxIds } => new ValidationProblem("/ids", $"At most {MaxIds} ids at once."),
        _ => ids.Select((id, i) => (id, i)).FirstOrDefault(p => !OffboardingId.IsWellFormed(p.id)) is ({ } bad, var index) && bad is not null
            ? new ValidationProblem($"/ids/{index}", "Not an offboarding id (32 lowercase hex characters).")
            : null,
    };
}
