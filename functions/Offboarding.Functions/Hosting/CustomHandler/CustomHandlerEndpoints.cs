using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Offboarding.Functions.Hosting.CustomHandler;

/// <summary>The endpoints the Functions host calls on a custom handler.</summary>
internal static class CustomHandlerEndpoints
{
    public static void MapCustomHandler(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/{functionName}", (HttpContext context, string functionName) =>
            context.RequestServices.GetRequiredService<CustomHandlerInvoker>().InvokeAsync(context, functionName));
    }
}
