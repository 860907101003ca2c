namespace Offboarding.Functions.Domain;

/// <summary>Move the portal users <see cref="PersonalityIds"/> of portal <see cref="PortalName"/> from one user type to another.</summary>
public sealed record PortalTransfer(
    string PortalName,
    string FromUserTypeId,
    string ToUserTypeId,
    IReadOnlyList<string> PersonalityIds);
