using Offboarding.Functions.Contracts;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Operators;

/// <summary>The answers operator endpoints share.</summary>
public static class OperatorResponses
{
    public const int MaxReasonLength = 500;

    public static HttpFunctionResponse NotFound() =>
        HttpResults.Problem(404, "not-found", "No such offboarding", "No offboarding has this id.");

    public static HttpFunctionResponse Conflict(string title, string detail) =>
        HttpResults.Problem(409, "conflict", title, detail);

    public static HttpFunctionResponse View(int status, OffboardingRecord record) =>
        HttpResults.Json(status, OffboardingView.From(record), new Dictionary<string, string> { ["Location"] = $"/api/offboardings/{record.Id}" });

    public static HttpFunctionResponse Invalid(params ValidationProblem[] problems) =>
        HttpResults.Problem(400, "invalid-body", "The request body is not valid", "See errors.", problems);

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

    public static string? RouteId(HttpFunctionRequest request) =>
        request.RouteValues.TryGetValue("id", out var id) && OffboardingId.IsWellFormed(id) ? id : null;
}
