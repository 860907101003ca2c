using System.Text.Json.Nodes;

namespace Zoho.Crm.Sandbox.Api;

/// <summary>
/// Zoho's error bodies: <c>{code, details, message, status:"error"}</c> either alone (URL, parameter and
/// limit errors) or wrapped in the resource array, e.g. <c>{"transfer_and_delete":[{…}]}</c> (body validation).
/// </summary>
public static class ZohoErrors
{
    public static ZohoResult Top(int status, string code, string message, JsonObject? details = null) =>
        new(status, Entry(code, message, details), code);

    public static ZohoResult Wrapped(int status, string resource, string code, string message, JsonObject? details = null) =>
        new(status, new JsonObject { [resource] = new JsonArray(Entry(code, message, details)) }, code);

    public static JsonObject Entry(string code, string message, JsonObject? details, string status = "error") => new()
    {
        ["code"] = code,
        ["details"] = details ?? [],
        ["message"] = message,
        ["status"] = status,
    };

    /// <summary>A details object from name/value pairs (strings, numbers, booleans or JSON nodes).</summary>
    public static JsonObject Details(params (string Name, object? Value)[] pairs)
    {
        var details = new JsonObject();
        foreach (var (name, value) in pairs)
        {
            details[name] = value switch
            {
                null => null,
                JsonNode node => node,
                string s => s,
                int i => i,
                long l => l,
                bool b => b,
                _ => value.ToString(),
            };
        }

        return details;
    }

    public static ZohoResult InvalidToken() =>
        Top(StatusCodes.Status401Unauthorized, ZohoCodes.InvalidToken, "invalid oauth token");

    public static ZohoResult ScopeMismatch() =>
        Top(StatusCodes.Status401Unauthorized, ZohoCodes.OAuthScopeMismatch, "Unauthorized");

    public static ZohoResult InvalidUrlPattern() =>
        Top(StatusCodes.Status404NotFound, ZohoCodes.InvalidUrlPattern, "Please check if the URL trying to access is a correct one");

    public static ZohoResult InvalidRequestMethod() =>
        Top(StatusCodes.Status400BadRequest, ZohoCodes.InvalidRequestMethod, "The http request method type is not a valid one");

    public static ZohoResult InternalError() =>
        Top(StatusCodes.Status500InternalServerError, ZohoCodes.InternalError, "Internal Server Error");

    public static ZohoResult TooManyRequests(string message) =>
        Top(StatusCodes.Status429TooManyRequests, ZohoCodes.TooManyRequests, message);

    public static ZohoResult InvalidId(int resourcePathIndex) =>
        Top(StatusCodes.Status400BadRequest, ZohoCodes.InvalidData, "the id given seems to be invalid", Details(("resource_path_index", resourcePathIndex)));

    public static ZohoResult RequiredParamMissing(string parameter, string message = "mandatory param missing") =>
        Top(StatusCodes.Status400BadRequest, ZohoCodes.RequiredParamMissing, message, Details(("param_name", parameter)));

    public static ZohoResult InvalidParameter(string parameter, string message, params (string Name, object? Value)[] extra) =>
        Top(StatusCodes.Status400BadRequest, ZohoCodes.InvalidData, message, Details([("param_name", parameter), .. extra]));
}
