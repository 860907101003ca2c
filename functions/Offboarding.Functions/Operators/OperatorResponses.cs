using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Contracts;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Operators;

/// <summary>The answers operator endpoints share.</summary>
public static class OperatorResponses
{
    public const int MaxReasonLength = 500;

    public static HttpAnswer NotFound() =>
        HttpAnswer.Problem(404, "not-found", "No such offboarding", "No offboarding has this id.");

    public static HttpAnswer Conflict(string title, string detail) =>
        HttpAnswer.Problem(409, "conflict", title, detail);

    public static HttpAnswer View(int status, OffboardingRecord record) =>
        HttpAnswer.Json(status, OffboardingView.From(record), new Dictionary<string, string> { ["Location"] = $"/api/offboardings/{record.Id}" });

    public static HttpAnswer Invalid(params ValidationProblem[] problems) =>
        HttpAnswer.Problem(400, "invalid-body", "The request body is not valid", "See errors.", problems);

    /// <summary>A reason as the audit trail will hold it, or the problem with it.</summary>
    public static ValidationProblem? CheckReason(string? reason, bool required, string location = "/reason")
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return required ? new ValidationProblem(location, "Give a reason: it goes into the audit trail.") : null;
        }

        return reason.Length > MaxReasonLength || reason.Any(c => char.IsControl(c) && c is not ('\n' or '\t'))
            ? new ValidationProblem(location, $"At most {MaxReasonLength} characters, without control characters.")
            : null;
    }

    public static string? RouteId(HttpRequest request) =>
        request.RouteValue("id") is { } id && OffboardingId.IsWellFormed(id) ? id : null;
}
