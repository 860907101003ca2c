using System.Globalization;
using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Http;
using Offboarding.Functions.Storage;

namespace Offboarding.Functions.Operators;

/// <summary>The query parameters the operators' paged routes share (page size, times, continuation token), read with one
/// wording; every problem is collected so one 400 names them all.</summary>
public sealed class OperatorQuery(HttpRequest request)
{
    /// <summary>Items per page unless <c>pageSize</c> says, at most <see cref="LargestPageSize"/>.</summary>
    public const int DefaultPageSize = 50;
    public const int LargestPageSize = 200;

    private const string TimeExample = "an RFC 3339 date-time, e.g. 2026-12-01T00:00:00Z.";

    public List<ValidationProblem> Problems { get; } = [];

    public string? Value(string name) => request.QueryValue(name);

    public int PageSize()
    {
        if (Value("pageSize") is not { } text)
        {
            return DefaultPageSize;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= LargestPageSize)
        {
            return size;
        }

        Problems.Add(new ValidationProblem("pageSize", $"Must be a whole number from 1 to {LargestPageSize}."));
        return DefaultPageSize;
    }

    /// <summary>The time in parameter <paramref name="name"/>; null when absent (a problem too when <paramref name="required"/>) or unreadable.</summary>
    public DateTimeOffset? Time(string name, bool required = false)
    {
        var text = Value(name);
        if (text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        if (text is not null || required)
        {
            Problems.Add(new ValidationProblem(name, text is null ? $"Required: {TimeExample}" : $"Must be {TimeExample}"));
        }

        return null;
    }

    /// <summary>Where the previous page of this route (<paramref name="route"/>, as the problem names it) ended.</summary>
    public ListCursor? Cursor(string route)
    {
        if (Value("continuationToken") is not { } text)
        {
            return null;
        }

        if (ListCursor.TryDecode(text, out var cursor))
        {
            return cursor;
        }

        Problems.Add(new ValidationProblem("continuationToken", $"Not a continuation token this {route} gave; start again without it."));
        return null;
    }

    /// <summary>The 400 naming every problem found, or null when there is none.</summary>
    public HttpAnswer? Problem() =>
        Problems.Count > 0 ? HttpAnswer.Problem(400, "invalid-query", "Invalid query", "See errors.", Problems) : null;
}
