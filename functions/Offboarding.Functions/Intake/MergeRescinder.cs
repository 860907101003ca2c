using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;
using Offboarding.Functions.Operators;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Intake;

/// <summary>A Merge webhook that says an employee is active again: their offboardings that have not reached Zoho are rescinded.</summary>
public sealed class MergeRescinder(OffboardingRepository repository, OffboardingCancellation cancellation)
{
    /// <summary>
    /// The employee is staying: their offboardings from Merge that have not reached Zoho are rescinded; those already
    /// sent are left as they are (and listed, so the HR side sees it is too late for them).
    /// </summary>
    public async Task<HttpAnswer> RescindPendingAsync(MergeMapping mapping, CancellationToken cancellationToken)
    {
        var rescinded = new List<string>();
        var tooLate = new List<string>();
        try
        {
            await foreach (var stored in repository.BySourceEventPrefixAsync(MergeEmployeeMapper.Source, mapping.EmployeeEventPrefix!, cancellationToken).ConfigureAwait(false))
            {
                var record = stored.Record;
                if (record.Request.DryRun || record.State is OffboardingState.Cancelled or OffboardingState.Failed or OffboardingState.Planned)
                {
                    continue;
                }

                var outcome = await cancellation.CancelAsync(record.Id, "merge (HR system)", "the employee is active again in the HR system", cancellationToken).ConfigureAwait(false);
                (outcome.Kind == CancelOutcomeKind.Cancelled ? rescinded : tooLate).Add(record.Id);
            }
        }
        catch (Azure.RequestFailedException)
        {
            return IntakeResponses.Unavailable();
        }

        return rescinded.Count == 0 && tooLate.Count == 0
            ? HttpAnswer.Json(200, new { ignored = true, reason = mapping.Reason })
            : HttpAnswer.Json(200, new { rescinded, tooLate });
    }
}
