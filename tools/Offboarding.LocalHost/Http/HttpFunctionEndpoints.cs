using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Hosting.Http;

/// <summary>
/// Maps every HTTP function at <c>/{routePrefix}/{Route}</c> with its methods. Standalone mode serves callers here;
/// in custom-handler mode the Functions host forwards HTTP requests to the same paths (enableForwardingHttpRequest).
/// </summary>
internal static class HttpFunctionEndpoints
{
    public static void MapHttpFunctions(this IEndpointRouteBuilder endpoints, FunctionCatalog catalog, string routePrefix)
    {
        foreach (var function in catalog.Http)
        {
            var pattern = "/" + string.Join('/', new[] { routePrefix, function.Route.Trim('/') }.Where(part => part.Length > 0));
            var name = function.Name;
            endpoints.MapMethods(pattern, function.Methods, context => InvokeAsync(context, name))
                .WithName(name);
        }
    }

    private static async Task InvokeAsync(HttpContext context, string name)
    {
        var cancellationToken = context.RequestAborted;
        HttpFunctionResponse response;
        try
        {
            var request = await AspNetCoreRequestReader.ReadAsync(context.Request, cancellationToken).ConfigureAwait(false);
            var function = FunctionCatalog.Resolve<IHttpFunction>(context.RequestServices, name, f => f.Name);
            response = await HttpFunctionRunner.RunAsync(function, request, context.RequestServices, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestBodyTooLargeException)
        {
            response = HostingProblems.PayloadTooLarge(RequestBodyLimit.Bytes);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            response = HostingProblems.PayloadTooLarge(RequestBodyLimit.Bytes);
        }

        await AspNetCoreResponseWriter.WriteAsync(context.Response, response, cancellationToken).ConfigureAwait(false);
    }
}
