using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Intake;

/// <summary>What accepting a request did: created a new offboarding, or found the one this event already made.</summary>
public sealed record IntakeOutcome(StoredOffboarding Offboarding, bool Created);
