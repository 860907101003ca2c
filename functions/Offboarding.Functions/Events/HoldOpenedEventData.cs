namespace Offboarding.Functions.Events;

/// <summary>
/// The <c>data</c> of the <c>hold.opened</c> CloudEvent: the blast-radius hold tripped, how many acceptances within
/// which window tripped it, and where operators see (and clear) what it holds. No personal data.
/// </summary>
public sealed record HoldOpenedEventData(string HoldId, int Count, int Threshold, string Window, DateTimeOffset OpenedAt, string StatusUrl);
