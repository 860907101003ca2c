using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Offboarding.Subscriber.Configuration;

namespace Offboarding.Subscriber.Handling;

/// <summary>
/// The table of event ids this subscriber has handled (or is handling). A delivery claims the id before it acts, so a
/// duplicate, a replay or a second trigger finds the claim and does nothing; a failed delivery gives the claim back so
/// the trigger's retry acts once.
/// </summary>
public sealed class HandledEvents(TableServiceClient tables, IOptions<SubscriberOptions> options, TimeProvider time)
{
    private const string RowKey = "event";
    private const string Posted = "posted";
    private const string Claimed = "claimed";

    private readonly TableClient _table = tables.GetTableClient(options.Value.HandledEventsTable);
    private readonly TimeSpan _lease = options.Value.ClaimLease;
    private int _created;

    /// <summary>The claim on <paramref name="eventId"/>, or null when it was already handled.</summary>
    /// <exception cref="EventBusyException">Another delivery holds a live claim on it: try again later.</exception>
    public async Task<EventClaim?> TryClaimAsync(string eventId, string type, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var key = KeyOf(eventId);
        var now = time.GetUtcNow();
        var entity = new TableEntity(key, RowKey) { ["Status"] = Claimed, ["ClaimedAt"] = now, ["Type"] = type };
        try
        {
            var added = await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return new EventClaim(key, added.Headers.ETag!.Value);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }

        var existing = (await _table.GetEntityAsync<TableEntity>(key, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        if (existing.GetString("Status") == Posted)
        {
            return null;
        }

        if (existing.GetDateTimeOffset("ClaimedAt") is { } claimedAt && claimedAt + _lease > now)
        {
            throw new EventBusyException($"Event {eventId} is being handled by another delivery since {claimedAt:O}.");
        }

        // The claim lapsed: its delivery died between claiming and posting. Take it over, unless someone else just did.
        try
        {
            var taken = await _table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return new EventClaim(key, taken.Headers.ETag!.Value);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            throw new EventBusyException($"Event {eventId} was just taken over by another delivery.");
        }
    }

    /// <summary>Records that the event's message went out: every later delivery of it is dropped.</summary>
    public async Task MarkPostedAsync(EventClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var entity = new TableEntity(claim.Key, RowKey) { ["Status"] = Posted, ["PostedAt"] = time.GetUtcNow() };
        await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives the claim back after a failure, so the trigger's retry can act.</summary>
    public async Task ReleaseAsync(EventClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        try
        {
            await _table.DeleteEntityAsync(claim.Key, RowKey, claim.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Already taken over by another delivery: it is theirs now.
        }
    }

    /// <summary>Whether the event's message went out (for operators and tests).</summary>
    public async Task<bool> WasPostedAsync(string eventId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(KeyOf(eventId), RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return found.HasValue && found.Value!.GetString("Status") == Posted;
    }

    // Event ids are the sender's strings; a table key may not hold '/', '\', '#', '?' or control characters.
    private static string KeyOf(string eventId) => Uri.EscapeDataString(eventId);

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _created, 1);
        }
    }
}

/// <summary>A delivery's claim on an event id: its table key and the ETag that proves the claim is still its own.</summary>
public sealed record EventClaim(string Key, ETag ETag);

/// <summary>Another delivery is handling the same event right now; the trigger retries this one later.</summary>
public sealed class EventBusyException(string message) : Exception(message);
