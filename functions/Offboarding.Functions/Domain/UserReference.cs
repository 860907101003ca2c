namespace Offboarding.Functions.Domain;

/// <summary>A Zoho user named by id or by email (id wins when both are given).</summary>
public sealed record UserReference
{
    public string? ZohoUserId { get; init; }

    public string? Email { get; init; }

    public bool IsEmpty => string.IsNullOrEmpty(ZohoUserId) && string.IsNullOrEmpty(Email);
}
