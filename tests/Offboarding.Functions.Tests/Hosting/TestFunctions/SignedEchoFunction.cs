using System.Security.Cryptography;
using System.Text.Json;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Tests.Hosting.TestFunctions;

/// <summary>
/// An HTTP function that checks an HMAC-SHA256 signature over the raw body, as the intake does for webhooks, and
/// echoes what it received. A body that lost or changed a single byte on its way through a driver fails with 401.
/// </summary>
internal sealed class SignedEchoFunction : IHttpHandler
{
    public const string SignatureHeader = "X-Test-Signature";
    private static readonly byte[] Secret = "test-only-secret"u8.ToArray();




    public static string Sign(byte[] body) => Convert.ToBase64String(HMACSHA256.HashData(Secret, body));

    public Task<HttpFunctionResponse> RunAsync(HttpFunctionRequest request, CancellationToken cancellationToken)
    {
        var given = request.Header(SignatureHeader) is { } header ? TryBase64(header) : null;
        var expected = HMACSHA256.HashData(Secret, request.Body.Span);
        if (given is null || !CryptographicOperations.FixedTimeEquals(given, expected))
        {
            return Task.FromResult(new HttpFunctionResponse(401, new Dictionary<string, string>(), """{"error":"bad signature"}""", "application/json"));
        }

        var echo = new EchoedRequest(
            request.Method,
            request.Path,
            request.RouteValues.TryGetValue("id", out var id) ? id : null,
            request.Query.ToDictionary(p => p.Key, p => p.Value),
            request.Header("X-Multi") is null ? [] : request.Headers.First(h => string.Equals(h.Key, "X-Multi", StringComparison.OrdinalIgnoreCase)).Value,
            Convert.ToBase64String(request.Body.Span));
        var headers = new Dictionary<string, string> { ["X-Echo"] = "yes" };
        return Task.FromResult(new HttpFunctionResponse(201, headers, JsonSerializer.Serialize(echo), "application/json"));
    }

    private static byte[]? TryBase64(string value)
    {
        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
