using System.Globalization;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Storage;
using Offboarding.Functions.Transfer;
using Zoho.Crm;

namespace Offboarding.Functions.Batches;

/// <summary>Estimates a batch from what the app has learned: the job limit in force (<see cref="JobAdmission"/>), the
/// job durations recent polls measured (every instance's, <see cref="JobDurationSync"/>), and the credit window.</summary>
public sealed class BatchEstimator(
    JobAdmission admission,
    JobDurationSync durations,
    ICreditWindow credits,
    IOptions<BatchesOptions> options,
    IOptions<ZohoCrmClientOptions> zoho)
{
    /// <summary>Polls a job costs once durations are learned (the first poll lands just past the job's end), and before.</summary>
    private const int PollsWhenLearned = 1;
    private const int PollsWhenAssumed = 2;

    public async Task<BatchEstimate> EstimateAsync(int people, int namedTargets, int orgUsers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limit = await admission.EffectiveLimitAsync(cancellationToken).ConfigureAwait(false);
        var learned = (await durations.FinishedEverywhereAsync(now, cancellationToken).ConfigureAwait(false)).Order().ToList();
        var job = learned.Count > 0 ? learned[learned.Count / 2] : options.Value.AssumedJobDuration;
        var basis = learned.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"the median of {learned.Count} recent Zoho jobs as polls saw them end")
            : string.Create(CultureInfo.InvariantCulture, $"no job measured yet: Batches__AssumedJobDuration ({options.Value.AssumedJobDuration:c})");
        var waves = (int)Math.Ceiling(people / (double)Math.Max(1, limit));
        var duration = job * waves;

        // Per person: the transfer-and-delete and its polls, a fresh read of a named target; for the whole run, the user
        // listing the client reads again each time its cache expires.
        var polls = learned.Count > 0 ? PollsWhenLearned : PollsWhenAssumed;
        var pageSize = Math.Max(1, zoho.Value.UsersPageSize);
        var listingPages = (long)Math.Ceiling(Math.Max(1, orgUsers) / (double)pageSize);
        var ttl = zoho.Value.UserDirectoryTtl;
        var listings = ttl <= TimeSpan.Zero ? people : (long)Math.Ceiling(duration / ttl) + 1;
        var total = (people * (1L + polls)) + namedTargets + (listings * listingPages);
        var creditBasis = string.Create(CultureInfo.InvariantCulture,
            $"{people} transfer-and-delete calls, {polls} status poll(s) each, {namedTargets} reads of named targets, {listings} user listing(s) of {listingPages} page(s)");

        var window = await credits.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new BatchEstimate(people, limit, job.TotalSeconds, basis, duration.TotalSeconds, total, creditBasis,
            window?.Remaining, window is null ? null : total <= window.Remaining, now);
    }
}
