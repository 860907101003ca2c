using Offboarding.Functions.Domain;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Intake;

/// <summary>Either a valid canonical request or every problem found; <see cref="IsSyntaxError"/> separates unreadable JSON (400) from invalid content (422).</summary>
public sealed record RequestReadResult(OffboardingRequest? Request, IReadOnlyList<ValidationProblem> Problems, bool IsSyntaxError)
{
    public static RequestReadResult Valid(OffboardingRequest request) => new(request, [], false);
}
