using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.OperatorConsole;
using Offboarding.Functions.Tests.Hosting;

namespace Offboarding.Functions.Tests.OperatorConsole;

/// <summary>
/// The console's files as the app serves them over HTTP: the page and every file it loads (stylesheet, icon, each
/// module and the modules they import) come from this app under the strict Content-Security-Policy, and the markup
/// itself has nothing the policy would have to allow (inline script or style, event-handler attributes, other origins).
/// </summary>
public sealed partial class ConsoleAssetsTests : IAsyncLifetime
{
    private FunctionAppHost _host = null!;

    public async Task InitializeAsync() => _host = await FunctionAppHost.StartAsync(
        (services, _) => services.AddSingleton<ConsoleAssets>(), new Dictionary<string, string?>(), typeof(ConsoleFunctions));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_page_is_html_under_a_policy_that_allows_only_this_origin_and_no_inline_code()
    {
        using var response = await _host.Client.GetAsync("/api/console");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = Directives(response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("'none'", policy["default-src"]);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'self'", policy["style-src"]);
        Assert.Equal("'self'", policy["connect-src"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task The_markup_has_no_inline_script_style_or_handlers_and_names_no_other_origin()
    {
        var page = await _host.Client.GetStringAsync("/api/console");

        Assert.DoesNotMatch(ScriptWithBody(), page);
        Assert.DoesNotContain("<style", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(StyleOrHandlerAttribute(), page);
        Assert.DoesNotContain(References(page), reference => reference.Contains("//", StringComparison.Ordinal) || reference.StartsWith('/'));
    }

    [Fact]
    public async Task Every_file_the_page_loads_and_every_module_it_imports_is_served_with_its_type_and_the_policy()
    {
        var page = await _host.Client.GetStringAsync("/api/console");
        var pending = new Queue<string>(References(page).Select(reference => "/api/" + reference));
        var served = new HashSet<string>(StringComparer.Ordinal);

        while (pending.TryDequeue(out var path))
        {
            if (!served.Add(path))
            {
                continue;
            }

            using var response = await _host.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            Assert.Equal(ConsoleAssets.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            var type = response.Content.Headers.ContentType?.MediaType;
            Assert.Equal(Path.GetExtension(path) switch { ".js" => "text/javascript", ".css" => "text/css", ".svg" => "image/svg+xml", _ => "?" }, type);
            if (type == "text/javascript")
            {
                foreach (Match import in ModuleImport().Matches(await response.Content.ReadAsStringAsync()))
                {
                    pending.Enqueue("/api/console/" + import.Groups["file"].Value);
                }
            }
        }

        // Every embedded file but the page is reached from the page: none is dead, none missing.
        var embedded = new ConsoleAssets().Names.Where(name => name != ConsoleAssets.Page).Select(name => "/api/console/" + name);
        Assert.Equal(embedded.Order(StringComparer.Ordinal), served.Order(StringComparer.Ordinal));
        Assert.Contains("/api/console/main.js", served);
    }

    [Fact]
    public async Task An_asset_the_console_does_not_have_is_a_404_problem()
    {
        using var response = await _host.Client.GetAsync("/api/console/secrets.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static Dictionary<string, string> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(directive => directive.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : string.Empty, StringComparer.Ordinal);

    /// <summary>The src and href values of the page (its own links are relative: console/…).</summary>
    private static IEnumerable<string> References(string page) =>
        SourceOrLink().Matches(page).Select(match => match.Groups["url"].Value).Where(url => !url.StartsWith('#'));

    [GeneratedRegex("""<script\b[^>]*>\s*[^<\s]""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptWithBody();

    [GeneratedRegex("""\s(style|on[a-z]+)\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex StyleOrHandlerAttribute();

    [GeneratedRegex("\\b(src|href)=\"(?<url>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex SourceOrLink();

    [GeneratedRegex("""from '\./(?<file>[a-z-]+\.js)'""")]
    private static partial Regex ModuleImport();
}
