using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>A request a test hands to a handler; it becomes a real ASP.NET Core request on the way in.</summary>
public sealed record TestRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> RouteValues,
    IReadOnlyDictionary<string, string[]> Query,
    IReadOnlyDictionary<string, string[]> Headers,
    ReadOnlyMemory<byte> Body)
{
    public string? Header(string name) => ToHttpRequest().Header(name);

    public HttpRequest ToHttpRequest()
    {
        var request = new DefaultHttpContext().Request;
        request.Method = Method;
        request.Path = Path;
        request.RouteValues = new RouteValueDictionary(RouteValues.ToDictionary(p => p.Key, p => (object?)p.Value));
        request.Query = new QueryCollection(Query.ToDictionary(p => p.Key, p => new StringValues(p.Value)));
        foreach (var (name, values) in Headers)
        {
            request.Headers[name] = new StringValues(values);
        }

        request.Body = new MemoryStream(Body.ToArray());
        request.ContentLength = Body.Length;
        return request;
    }

    public override string ToString() => $"{Method} {Path} {Encoding.UTF8.GetString(Body.Span)}";
}

/// <summary>Sends a <see cref="TestRequest"/> to a handler as the HTTP function would.</summary>
public static class TestRequestExtensions
{
    public static Task<HttpAnswer> RunAsync(this IHttpHandler handler, TestRequest request, CancellationToken cancellationToken) =>
        handler.HandleAsync(request.ToHttpRequest(), request.Body, cancellationToken);
}
