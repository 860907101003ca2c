namespace Offboarding.Functions.Http;

/// <summary>What an HTTP function answers; the driver turns it into a Kestrel response or the host's <c>Outputs.res</c>.</summary>
public sealed record HttpFunctionResponse(
    int StatusCode,
    IReadOnlyDictionary<string, string> Headers,
    string? Body,
    string? ContentType);
