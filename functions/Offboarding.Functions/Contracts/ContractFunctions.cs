using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Contracts;

/// <summary>The published contracts: public documents without personal data, so no function key is needed.</summary>
public sealed class ContractFunctions(PublishedDocuments documents)
{
    [Function("OpenApi")]
    public IActionResult OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        documents.OpenApiDocument();

    [Function("Schemas")]
    public IActionResult Schemas([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "schemas/{name}")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return documents.Schema(request.RouteValue("name"));
    }
}
