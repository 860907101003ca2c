using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Offboarding.Functions.Http;

/// <summary>
/// A handler's answer: an <see cref="IActionResult"/> both hosts execute, and readable by tests. It writes itself, so the
/// app needs no MVC services.
/// </summary>
public sealed class HttpAnswer(int statusCode, string? body, string? contentType, IReadOnlyDictionary<string, string>? headers = null) : IActionResult
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string ProblemContentType = "application/problem+json; charset=utf-8";

    private const string ProblemTypeBase = "https://offboarding.example/problems/";

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public int StatusCode { get; } = statusCode;

    public string? Body { get; } = body;

    public string? ContentType { get; } = contentType;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers ?? new Dictionary<string, string>();

    public static HttpAnswer Json(int status, object body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, JsonSerializer.Serialize(body, JsonOptions), JsonContentType, headers);

    /// <summary>An RFC 9457 problem; <paramref name="errors"/> lists every validation problem with its JSON Pointer.</summary>
    /// <param name="slug">Last segment of the problem <c>type</c> URI, e.g. <c>invalid-signature</c>.</param>
    public static HttpAnswer Problem(int status, string slug, string title, string? detail, IReadOnlyList<ValidationProblem>? errors = null) =>
        Problem(status, slug, title, detail, errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>An RFC 9457 problem with members of its own beside the standard ones (e.g. <c>errors</c> of another shape, a total).</summary>
    public static HttpAnswer Problem(int status, string slug, string title, string? detail, IReadOnlyDictionary<string, object?>? extensions)
    {
        var problem = new ProblemDetails { Type = ProblemTypeBase + slug, Title = title, Status = status, Detail = detail };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        return new HttpAnswer(status, JsonSerializer.Serialize(problem, JsonOptions), ProblemContentType);
    }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        if (ContentType is not null)
        {
            response.ContentType = ContentType;
        }

        if (Body is not null)
        {
            await response.WriteAsync(Body, Encoding.UTF8, context.HttpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
