namespace Zoho.Crm.Sandbox.Control;

/// <summary>One Zoho call as the sandbox answered it.</summary>
/// <param name="Endpoint">Normalized name: token, users.list, users.get, transfer_and_delete, transfer_and_delete.status, roles.delete, portal.user_type.transfer, …</param>
/// <param name="Code">Zoho's code (SUCCESS, INVALID_DATA, …) or the OAuth <c>error</c>; null when the body had none.</param>
/// <param name="UserId">For transfer_and_delete, the user to delete (from the URL or the body).</param>
/// <param name="Fault">The injected fault, if any.</param>
public sealed record CallLogEntry(
    long Sequence,
    DateTimeOffset Time,
    string Method,
    string Path,
    string Endpoint,
    int Status,
    string? Code,
    string? UserId,
    string? JobId,
    FaultKind? Fault,
    double DurationMs);
