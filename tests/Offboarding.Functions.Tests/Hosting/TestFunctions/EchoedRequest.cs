namespace Offboarding.Functions.Tests.Hosting.TestFunctions;

/// <summary>What <see cref="SignedEchoFunction"/> saw, returned as its response body.</summary>
internal sealed record EchoedRequest(
    string Method,
    string Path,
    string? Id,
    Dictionary<string, string[]> Query,
    string[] MultiHeader,
    string BodyBase64);
