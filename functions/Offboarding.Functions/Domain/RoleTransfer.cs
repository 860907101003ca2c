namespace Offboarding.Functions.Domain;

/// <summary>Delete role <see cref="RoleId"/> and move its users to <see cref="TransferToRoleId"/>.</summary>
public sealed record RoleTransfer(string RoleId, string TransferToRoleId);
