using System.Text.Json;

namespace Zoho.Crm;

/// <summary>What is known about a failure, in one value, so that the exception's constructor stays short and every
/// raiser (transport, token provider, operations) states the same facts the same way.</summary>
internal sealed record ZohoErrorFacts(
    string Code,
    ZohoOperation Operation,
    int? HttpStatus = null,
    string? ZohoMessage = null,
    JsonElement? Details = null,
    ZohoErrorClassification? Classification = null);
