using System.Text.Json.Nodes;

namespace Zoho.Crm.Sandbox.Api;

/// <summary>A handler's answer: status, JSON body (null for 204) and what the call log records about it.</summary>
public sealed record ZohoResult(int Status, JsonNode? Body, string? Code)
{
    /// <summary>For transfer_and_delete: the user the call was about.</summary>
    public string? UserId { get; init; }

    public string? JobId { get; init; }

    public static ZohoResult NoContent { get; } = new(StatusCodes.Status204NoContent, null, null);

    public static ZohoResult Ok(JsonNode body, string? code = "SUCCESS") => new(StatusCodes.Status200OK, body, code);
}
