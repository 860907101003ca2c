using System.Text.Json;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Hosting.Http;

/// <summary>RFC 9457 problem responses for the failures the drivers themselves detect, identical in both modes.</summary>
internal static class HostingProblems
{
    private const string ProblemContentType = "application/problem+json";

    public static HttpFunctionResponse PayloadTooLarge(long limit) =>
        Problem(413, "Payload Too Large", $"The request body exceeds the {limit} bytes this service accepts.");

    /// <summary>The function threw: say so without leaking what it threw; the trace id finds the logged exception.</summary>
    public static HttpFunctionResponse FunctionFailed(string traceId) =>
        Problem(500, "Internal Server Error", $"The request could not be completed. Trace id: {traceId}.");

    private static HttpFunctionResponse Problem(int status, string title, string detail)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["type"] = "about:blank",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        });
        return new HttpFunctionResponse(status, new Dictionary<string, string>(), body, ProblemContentType);
    }
}
