using System.Collections.Frozen;
using Microsoft.AspNetCore.Mvc;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.OperatorConsole;

/// <summary>
/// The operator console's files, embedded and served by the app, so it needs no CDN or front-end build and runs under a
/// same-origin Content-Security-Policy. The files hold no data; the page fetches it from the operator API.
/// </summary>
public sealed class ConsoleAssets
{
    /// <summary>The page itself (<c>GET /api/console</c>).</summary>
    public const string Page = "console.html";

    /// <summary>
    /// Only this origin's scripts, styles, images and API; no inline script or style, no plugins, no framing (clickjacking
    /// an operator into approving a hold), forms post nowhere (the page acts through fetch).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string ResourcePrefix = "Offboarding.Functions.OperatorConsole.assets.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, string> _files = Load();

    /// <summary>The served names of the assets (the page included).</summary>
    public IEnumerable<string> Names => _files.Keys;

    public IActionResult PageResult() => Serve(Page);

    /// <summary>An asset by its served name; 404 problem for anything else (there are no folders to walk).</summary>
    public IActionResult AssetResult(string? name) => Serve(name);

    public HttpAnswer Serve(string? name)
    {
        if (name is null || !_files.TryGetValue(name, out var text))
        {
            return HttpAnswer.Problem(404, "not-found", "Not Found", $"The console has no asset '{name}'.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Security-Policy"] = ContentSecurityPolicy,
            ["X-Content-Type-Options"] = "nosniff",
            ["Referrer-Policy"] = "no-referrer",
            // Revalidated on every load: after a deployment the page and its modules must not mix versions.
            ["Cache-Control"] = "no-cache",
        };
        return new HttpAnswer(200, text, ContentTypes[Path.GetExtension(name)], headers);
    }

    private static FrozenDictionary<string, string> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            if (!ContentTypes.ContainsKey(Path.GetExtension(name)))
            {
                throw new InvalidOperationException($"OperatorConsole/assets/{name} has a type the console does not serve.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            files[name] = reader.ReadToEnd();
        }

        return files.ContainsKey(Page)
            ? files.ToFrozenDictionary(StringComparer.Ordinal)
            : throw new InvalidOperationException($"OperatorConsole/assets/{Page} is not embedded in the app.");
    }
}
