namespace Offboarding.Functions.Http;

/// <summary>
/// An HTTP invocation as a pipeline step sees it, read from the ASP.NET Core request whichever host serves it (the
/// Functions host's ASP.NET Core integration in Azure, Kestrel in the local host). <see cref="Body"/> is the exact raw
/// bytes the sender signed: webhook signatures are verified over it.
/// </summary>
public sealed record HttpFunctionRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> RouteValues,
    IReadOnlyDictionary<string, string[]> Query,
    IReadOnlyDictionary<string, string[]> Headers,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>First value of a header, matched case-insensitively as HTTP requires.</summary>
    public string? Header(string name)
    {
        foreach (var (key, values) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && values.Length > 0)
            {
                return values[0];
            }
        }

        return null;
    }

    /// <summary>First value of a query parameter, or null.</summary>
    public string? QueryValue(string name) =>
        Query.TryGetValue(name, out var values) && values.Length > 0 ? values[0] : null;
}
