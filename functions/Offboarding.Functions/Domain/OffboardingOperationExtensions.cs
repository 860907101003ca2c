namespace Offboarding.Functions.Domain;

public static class OffboardingOperationExtensions
{
    /// <summary>The wire names of <see cref="OffboardingOperation"/>: in requests, the status API and event data.</summary>
    public static IReadOnlyDictionary<string, OffboardingOperation> ByWireName { get; } = new Dictionary<string, OffboardingOperation>(StringComparer.Ordinal)
    {
        ["user_transfer_and_delete"] = OffboardingOperation.UserTransferAndDelete,
        ["role_delete_and_transfer"] = OffboardingOperation.RoleDeleteAndTransfer,
        ["portal_user_type_transfer"] = OffboardingOperation.PortalUserTypeTransfer,
    };

    public static string ToWireName(this OffboardingOperation operation) => ByWireName.First(pair => pair.Value == operation).Key;
}
