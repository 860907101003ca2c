namespace Offboarding.Functions.Http;

/// <summary>
/// An HTTP pipeline step: what an HTTP-triggered [Function] calls. It knows nothing of triggers; the route and
/// methods are declared once, on the [Function] method's <c>HttpTrigger</c> attribute.
/// </summary>
public interface IHttpHandler
{
    Task<HttpFunctionResponse> RunAsync(HttpFunctionRequest request, CancellationToken cancellationToken);
}
