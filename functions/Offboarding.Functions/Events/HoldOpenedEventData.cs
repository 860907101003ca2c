namespace Offboarding.Functions.Events;

/// <summary>The <c>data</c> of the <c>hold.opened</c> CloudEvent: how many acceptances within which window tripped the
/// blast-radius hold, and where operators clear it. No personal data (docs/adr/004-blast-radius-hold.md).</summary>
public sealed record HoldOpenedEventData(string HoldId, int Count, int Threshold, string Window, DateTimeOffset OpenedAt, string StatusUrl);
