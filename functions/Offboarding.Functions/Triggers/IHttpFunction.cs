namespace Offboarding.Functions.Triggers;

/// <summary>An HTTP-triggered function. Route and methods are declared once here and read by every driver.</summary>
public interface IHttpFunction
{
    /// <summary>The function's name: the custom handler serves it at <c>POST /{Name}</c>.</summary>
    string Name { get; }

    /// <summary>Route below <c>/api</c>, in ASP.NET Core / Functions route syntax, e.g. <c>offboardings/{id}</c>.</summary>
    string Route { get; }

    IReadOnlyList<string> Methods { get; }

    Task<HttpFunctionResponse> RunAsync(HttpFunctionRequest request, CancellationToken cancellationToken);
}
