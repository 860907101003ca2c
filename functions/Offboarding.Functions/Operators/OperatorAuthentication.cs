using Offboarding.Functions.Http;

namespace Offboarding.Functions.Operators;

/// <summary>Who called, or the 401/403 answer to give instead.</summary>
public sealed record OperatorAuthentication(OperatorIdentity? Caller, HttpAnswer? Refusal)
{
    public static OperatorAuthentication Allowed(OperatorIdentity caller) => new(caller, null);

    public static OperatorAuthentication Refused(HttpAnswer problem, IReadOnlyDictionary<string, string>? headers = null) =>
        new(null, headers is null ? problem : new HttpAnswer(problem.StatusCode, problem.Body, problem.ContentType, headers));
}
