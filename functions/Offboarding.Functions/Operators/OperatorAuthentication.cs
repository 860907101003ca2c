using Offboarding.Functions.Http;

namespace Offboarding.Functions.Operators;

/// <summary>Who called, or the 401/403 answer to give instead.</summary>
public sealed record OperatorAuthentication(OperatorIdentity? Caller, HttpFunctionResponse? Refusal)
{
    public static OperatorAuthentication Allowed(OperatorIdentity caller) => new(caller, null);

    public static OperatorAuthentication Refused(HttpFunctionResponse problem, IReadOnlyDictionary<string, string>? headers = null) =>
        new(null, headers is null ? problem : problem with { Headers = headers });
}
