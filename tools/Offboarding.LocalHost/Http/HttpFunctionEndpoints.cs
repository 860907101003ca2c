using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Offboarding.Functions.Http;

namespace Offboarding.LocalHost.Http;

/// <summary>
/// Maps every HTTP function at <c>/{routePrefix}/{Route}</c> with its methods, as the Functions host does, passing the
/// real <see cref="HttpRequest"/> and executing the <see cref="IActionResult"/> the function returns. Any other method
/// on a function's route gets a 405 problem, an unknown route a 404 problem.
/// </summary>
internal static class HttpFunctionEndpoints
{
    public static void MapHttpFunctions(this IEndpointRouteBuilder endpoints, FunctionCatalog catalog, string routePrefix)
    {
        foreach (var routeGroup in catalog.Http.GroupBy(f => f.Route.Trim('/'), StringComparer.OrdinalIgnoreCase))
        {
            var pattern = "/" + string.Join('/', new[] { routePrefix, routeGroup.Key }.Where(part => part.Length > 0));
            var allowed = new List<string>();
            foreach (var function in routeGroup)
            {
                var method = function.Function;
                endpoints.MapMethods(pattern, function.Methods, context => InvokeAsync(context, method)).WithName(method.Name);
                allowed.AddRange(function.Methods);
            }

            endpoints.Map(pattern, context => WriteAsync(context, HttpAnswer.Problem(
                405, "method-not-allowed", "Method Not Allowed", $"{context.Request.Method} is not supported here; use {string.Join(" or ", allowed)}.")));
        }

        endpoints.Map("/" + routePrefix + "/{**rest}", context => WriteAsync(context, HttpAnswer.Problem(404, "not-found", "Not Found", "No function answers at this path.")));
    }

    private static async Task InvokeAsync(HttpContext context, FunctionMethod function)
    {
        var result = await function.InvokeAsync(context.RequestServices, context.Request, context.RequestAborted).ConfigureAwait(false);
        if (result is IActionResult action)
        {
            await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor())).ConfigureAwait(false);
        }
    }

    private static Task WriteAsync(HttpContext context, HttpAnswer answer) =>
        answer.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
}
