namespace Zoho.Crm.Sandbox.Api;

/// <summary>Matches requests to the emulated endpoints; a known path with another method is INVALID_REQUEST_METHOD.</summary>
public sealed class ZohoRouter(IReadOnlyList<ZohoRoute> routes)
{
    public RouteResolution Resolve(string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var isCrm = segments.Length > 0 && segments[0] == "crm";
        var methodMismatch = false;
        foreach (var route in routes)
        {
            if (!route.Pattern.TryMatch(segments, out var values))
            {
                continue;
            }

            if (route.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
            {
                return new RouteResolution(route, false, values, isCrm || route.IsCrm);
            }

            methodMismatch = true;
        }

        return new RouteResolution(null, methodMismatch, new Dictionary<string, string>(), isCrm);
    }
}
