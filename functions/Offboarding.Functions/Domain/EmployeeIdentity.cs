namespace Offboarding.Functions.Domain;

/// <summary>The leaver as the HRIS knows them. The Zoho user is found by <see cref="WorkEmail"/> when <see cref="ZohoUserId"/> is absent.</summary>
public sealed record EmployeeIdentity
{
    public string? WorkEmail { get; init; }

    public string? HrisId { get; init; }

    public string? Name { get; init; }

    public string? ZohoUserId { get; init; }
}
