namespace Offboarding.Functions.Storage;

/// <summary>One row of the due index: its key and the offboarding it points at.</summary>
public sealed record DueEntry(string Key, string OffboardingId);
