using Azure;
using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Storage;

/// <summary>A record as read, with the ETag a write must match.</summary>
public sealed record StoredOffboarding(OffboardingRecord Record, ETag ETag);
