namespace Offboarding.Functions.Contracts;

/// <summary>Why an offboarding failed: Zoho's code and message, or the pipeline's own.</summary>
public sealed record FailureView(string Code, string? Message);
