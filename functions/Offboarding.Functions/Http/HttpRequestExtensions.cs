using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Offboarding.Functions.Http;

/// <summary>Single values out of a request, as handlers read them: the first header or query value, a route value as text.</summary>
public static class HttpRequestExtensions
{
    public static string? Header(this HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    public static string? QueryValue(this HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    public static string? RouteValue(this HttpRequest request, string name) =>
        request.RouteValues.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
}
