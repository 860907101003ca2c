using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Contracts;

/// <summary>One line of the operators' listing.</summary>
public sealed record OffboardingSummary(
    string Id,
    string State,
    string Operation,
    bool DryRun,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset EffectiveAt,
    EmployeeIdentity? Employee,
    string? ZohoJobId,
    string? FailureCode)
{
    public static OffboardingSummary From(OffboardingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new OffboardingSummary(
            record.Id, record.State.ToWireName(), record.Request.Operation.ToWireName(), record.Request.DryRun,
            record.CreatedAt, record.UpdatedAt, record.EffectiveAt, record.Request.Employee, record.ZohoJobId, record.FailureCode);
    }
}
