using System.Text.RegularExpressions;

namespace Zoho.Crm.Sandbox.Api;

/// <summary>
/// A path template such as <c>crm/{version}/users/{id}</c>. <c>{version}</c> only matches the API versions
/// Zoho serves (v2, v2.1 … v8), so any other version falls through to INVALID_URL_PATTERN.
/// </summary>
public sealed partial class RoutePattern
{
    private readonly string[] _segments;

    public RoutePattern(string template)
    {
        Template = template;
        _segments = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    public string Template { get; }

    public bool TryMatch(IReadOnlyList<string> path, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (path.Count != _segments.Length)
        {
            return false;
        }

        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            if (segment.StartsWith('{'))
            {
                var name = segment[1..^1];
                if (name == "version" && !VersionRegex().IsMatch(path[i]))
                {
                    return false;
                }

                values[name] = path[i];
            }
            else if (!string.Equals(segment, path[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex("^v([2-8]|2\\.1)$")]
    private static partial Regex VersionRegex();
}
