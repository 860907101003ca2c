using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Events;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Operators;

/// <summary>Holds every offboarding past <see cref="HoldOptions.Threshold"/> within <see cref="HoldOptions.Window"/> until an
/// operator decides, so a runaway HR sync cannot drip through (docs/adr/004-blast-radius-hold.md).</summary>
public sealed partial class BlastRadiusHold(
    HoldLedger ledger,
    OffboardingEventPublisher publisher,
    OffboardingEventFactory events,
    IOptions<HoldOptions> options,
    TimeProvider time,
    ILogger<BlastRadiusHold> logger)
{
    /// <summary>How long the intake that opened the hold has to announce it before a later one announces it instead.</summary>
    private static readonly TimeSpan AnnounceGrace = TimeSpan.FromSeconds(30);

    private const int MaxConflicts = 5;

    private readonly HoldOptions _options = options.Value;

    public bool Enabled => _options.Threshold > 0;

    public int Threshold => _options.Threshold;

    public TimeSpan Window => _options.Window;

    /// <summary>Counts a new (not dry-run) offboarding and says whether it is held.</summary>
    public async Task<HoldDecision> AdmitAsync(string offboardingId, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return HoldDecision.NotHeld;
        }

        var now = time.GetUtcNow();
        var mine = await ledger.RecordAcceptanceAsync(offboardingId, now, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var state = await ledger.GetStateAsync(cancellationToken).ConfigureAwait(false);
            if (state.Open)
            {
                await AnnounceIfLateAsync(state, now, cancellationToken).ConfigureAwait(false);
                return new HoldDecision(true, HeldBecause(state));
            }

            var count = await ledger.CountAsync(WindowStart(state, now), mine, _options.Threshold + 1, cancellationToken).ConfigureAwait(false);
            if (count <= _options.Threshold)
            {
                return HoldDecision.NotHeld;
            }

            var opened = state with { Open = true, HoldId = Guid.NewGuid().ToString("N"), OpenedAt = now, Count = count, Announced = false };
            if (await ledger.TryWriteStateAsync(state, opened, cancellationToken).ConfigureAwait(false))
            {
                LogOpened(logger, opened.HoldId!, count, _options.Threshold);
                await AnnounceAsync(opened, cancellationToken).ConfigureAwait(false);
                return new HoldDecision(true, HeldBecause(opened));
            }
        }

        throw new InvalidOperationException("The blast-radius hold kept changing while an offboarding was counted; the request can be sent again.");
    }

    /// <summary>For a dry run, which is never held nor counted: whether the same request for real would be held.</summary>
    public async Task<bool> WouldHoldAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return false;
        }

        var state = await ledger.GetStateAsync(cancellationToken).ConfigureAwait(false);
        return state.Open
            || await ledger.CountAsync(WindowStart(state, time.GetUtcNow()), null, _options.Threshold, cancellationToken).ConfigureAwait(false) >= _options.Threshold;
    }

    public Task<HoldState> StateAsync(CancellationToken cancellationToken) => ledger.GetStateAsync(cancellationToken);

    /// <summary>Closes the hold and re-arms the counter: acceptances before now no longer count. False when it was not open.</summary>
    public async Task<bool> CloseAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var state = await ledger.GetStateAsync(cancellationToken).ConfigureAwait(false);
            if (!state.Open)
            {
                return false;
            }

            if (await ledger.TryWriteStateAsync(state, state with { Open = false, ArmedSince = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false))
            {
                LogClosed(logger, state.HoldId ?? "?");
                return true;
            }
        }

        throw new InvalidOperationException("The blast-radius hold kept changing while being closed; try again.");
    }

    private DateTimeOffset WindowStart(HoldState state, DateTimeOffset now)
    {
        var start = now - _options.Window;
        return state.ArmedSince is { } armed && armed > start ? armed : start;
    }

    private string HeldBecause(HoldState state) => string.Create(CultureInfo.InvariantCulture,
        $"the blast-radius hold opened at {state.OpenedAt:O}: {state.Count} offboardings accepted within {_options.Window:c} (threshold {_options.Threshold}); waiting for an operator to approve or reject");

    // The opener announces at once; if it died first, a later held intake does, after a grace period.
    private async Task AnnounceIfLateAsync(HoldState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!state.Announced && state.OpenedAt is { } openedAt && now - openedAt > AnnounceGrace)
        {
            await AnnounceAsync(state, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AnnounceAsync(HoldState opened, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.PublishAsync(events.CreateHoldOpened(opened.HoldId!, opened.Count, _options.Threshold, _options.Window, opened.OpenedAt!.Value), cancellationToken).ConfigureAwait(false);
            var current = await ledger.GetStateAsync(cancellationToken).ConfigureAwait(false);
            if (current.HoldId == opened.HoldId)
            {
                await ledger.TryWriteStateAsync(current, current with { Announced = true }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException)
        {
            // The hold holds regardless; the next held intake after the grace period announces it.
            LogAnnounceFailed(logger, opened.HoldId!, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blast-radius hold {HoldId} opened: {Count} offboardings accepted within the window (threshold {Threshold})")]
    private static partial void LogOpened(ILogger logger, string holdId, int count, int threshold);

    [LoggerMessage(Level = LogLevel.Information, Message = "Blast-radius hold {HoldId} closed")]
    private static partial void LogClosed(ILogger logger, string holdId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blast-radius hold {HoldId} could not be announced yet ({Error})")]
    private static partial void LogAnnounceFailed(ILogger logger, string holdId, string error);
}
