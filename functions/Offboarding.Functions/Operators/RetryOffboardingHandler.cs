using Microsoft.AspNetCore.Http;
using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Operators;

/// <summary>
/// <c>POST /api/offboardings/{id}/retry</c> with <c>{"reason"?, "force"?, "transferTo"?: {"email" | "zohoUserId"}}</c>:
/// sends a failed offboarding again as a new attempt (202), or says why not (409).
/// </summary>
public sealed class RetryOffboardingHandler(OffboardingRetry retry) : IOperatorHandler
{
    public async Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, OperatorIdentity caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        if (OperatorResponses.RouteId(request) is not { } id)
        {
            return OperatorResponses.NotFound();
        }

        var (parsed, problem) = OperatorRequestBody.Read<RetryBody>(body);
        if (problem is not null)
        {
            return problem;
        }

        var problems = new List<ValidationProblem>();
        if (OperatorResponses.CheckReason(parsed!.Reason, required: false) is { } badReason)
        {
            problems.Add(badReason);
        }

        var target = parsed.TransferTo is { } to ? CheckTarget(to, problems) : null;
        if (problems.Count > 0)
        {
            return OperatorResponses.Invalid([.. problems]);
        }

        var outcome = await retry.RetryAsync(id, caller.Name, parsed.Reason?.Trim(), parsed.Force ?? false, target, cancellationToken).ConfigureAwait(false);
        return outcome.Kind switch
        {
            RetryOutcomeKind.Retried => OperatorResponses.View(202, outcome.Record!),
            RetryOutcomeKind.Refused => OperatorResponses.Conflict("It cannot be retried as it is", outcome.Detail!),
            _ => OperatorResponses.NotFound(),
        };
    }

    // The same shapes the canonical request allows for a transfer target.
    private static UserReference? CheckTarget(TargetBody to, List<ValidationProblem> problems)
    {
        var email = to.Email?.Trim();
        var zohoUserId = to.ZohoUserId?.Trim();
        if (string.IsNullOrEmpty(email) && string.IsNullOrEmpty(zohoUserId))
        {
            problems.Add(new ValidationProblem("/transferTo", "Name the new target by 'email' or 'zohoUserId'."));
            return null;
        }

        // The same rules the request schema gives a transfer target (an address, or Zoho's numeric user id).
        if (email is { Length: > 0 } && (email.Length > 254 || !System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email || !address.Host.Contains('.', StringComparison.Ordinal)))
        {
            problems.Add(new ValidationProblem("/transferTo/email", "Must be an email address."));
        }

        if (zohoUserId is { Length: > 0 } && (zohoUserId.Length > 30 || !zohoUserId.All(char.IsAsciiDigit)))
        {
            problems.Add(new ValidationProblem("/transferTo/zohoUserId", "Must be a Zoho user id (digits only)."));
        }

        return new UserReference { Email = string.IsNullOrEmpty(email) ? null : email, ZohoUserId = string.IsNullOrEmpty(zohoUserId) ? null : zohoUserId };
    }

    private sealed record RetryBody(string? Reason, bool? Force, TargetBody? TransferTo);

    private sealed record TargetBody(string? Email, string? ZohoUserId);
}
