namespace Offboarding.Bench.Harness.Load;

/// <summary>One webhook as sent: which leaver, the HRIS event id, and how the intake answered it.</summary>
/// <param name="OffboardingId">The id the intake answered with; null when it never accepted the webhook.</param>
/// <param name="AcceptedAt">When the accepting answer (202, or 200 for a duplicate) arrived.</param>
/// <param name="Attempts">Sends until accepted (more than one when the app was down or storage unavailable).</param>
/// <param name="Latency">
/// Send → answer of the last attempt (the accepting one when accepted): the intake's request latency as the sender
/// sees it, without the pauses between earlier attempts.
/// </param>
public sealed record Submission(string EventId, string LeaverEmail, string LeaverZohoId, string? OffboardingId, int Status, DateTimeOffset AcceptedAt, int Attempts, TimeSpan Latency);
