using Azure;

namespace Offboarding.Functions.Storage;

/// <summary>
/// The blast-radius hold as stored: open or not, when and by how many acceptances it tripped, whether its
/// <c>hold.opened</c> event went out, and since when acceptances count (clearing the hold re-arms the counter).
/// </summary>
public sealed record HoldState(bool Open, string? HoldId, DateTimeOffset? OpenedAt, int Count, bool Announced, DateTimeOffset? ArmedSince, ETag ETag)
{
    public static HoldState Closed { get; } = new(false, null, null, 0, false, null, default);
}
