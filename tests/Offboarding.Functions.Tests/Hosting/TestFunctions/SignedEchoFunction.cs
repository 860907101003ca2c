using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
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

    public Task<HttpAnswer> HandleAsync(HttpRequest request, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var given = request.Header(SignatureHeader) is { } header ? TryBase64(header) : null;
        var expected = HMACSHA256.HashData(Secret, body.Span);
        if (given is null || !CryptographicOperations.FixedTimeEquals(given, expected))
        {
            return Task.FromResult(new HttpAnswer(401, """{"error":"bad signature"}""", "application/json"));
        }

        var echo = new EchoedRequest(
            request.Method,
            request.Path.Value ?? "/",
            request.RouteValue("id"),
            request.Query.ToDictionary(p => p.Key, p => p.Value.Select(v => v ?? string.Empty).ToArray()),
            request.Headers.TryGetValue("X-Multi", out var multi) ? [.. multi.Select(v => v ?? string.Empty)] : [],
            Convert.ToBase64String(body.Span));
        var headers = new Dictionary<string, string> { ["X-Echo"] = "yes" };
        return Task.FromResult(new HttpAnswer(201, JsonSerializer.Serialize(echo), "application/json", headers));
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
