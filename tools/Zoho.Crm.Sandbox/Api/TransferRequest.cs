namespace Zoho.Crm.Sandbox.Api;

/// <summary>A transfer_and_delete request that passed validation.</summary>
public sealed record TransferRequest(
    string UserId,
    string? TransferToId,
    bool Records,
    bool Assignment,
    bool Criteria,
    string? MoveSubordinatesToId);
