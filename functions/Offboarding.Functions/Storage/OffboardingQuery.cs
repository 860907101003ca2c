using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Storage;

/// <summary>Which offboardings an operator is looking for, and where the previous page ended.</summary>
public sealed record OffboardingQuery
{
    public OffboardingState? State { get; init; }

    /// <summary>The leaver's work email, matched without regard to case.</summary>
    public string? Email { get; init; }

    /// <summary>The leaver's HRIS id, matched without regard to case.</summary>
    public string? HrisId { get; init; }

    /// <summary>Accepted at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Accepted before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Last written (the table's own <c>Timestamp</c>) at or after this time: a superset of the records whose steps
    /// fall after it, read without the record's own times.</summary>
    public DateTimeOffset? ChangedSince { get; init; }

    public int PageSize { get; init; } = 50;

    /// <summary>The last item of the previous page; the page starts after it (newest first).</summary>
    public ListCursor? After { get; init; }
}
