using System.Collections.Concurrent;
using Microsoft.Playwright;
using TestSupport;

namespace Offboarding.Console.Tests.Browser;

/// <summary>
/// The console open in a fresh browser context (its own sessionStorage, as a new tab in a private window), at a given
/// width. Records what the page asked the network for, what it logged as errors, and every Content-Security-Policy
/// violation it hit.
/// </summary>
internal sealed class ConsolePage : IAsyncDisposable
{
    /// <summary>Screenshots land with the test results (./test.sh: TestResults/console/).</summary>
    public static readonly string ScreenshotFolder = Path.Combine(RepositoryRoot.Path, "TestResults", "console");

    // Runs before the page's own scripts; init scripts are not subject to the page's policy.
    private const string ViolationRecorder =
        "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));";

    private readonly IBrowserContext _context;

    private ConsolePage(IBrowserContext context, IPage page, Uri consoleUri)
    {
        _context = context;
        Page = page;
        ConsoleUri = consoleUri;
        page.Request += (_, request) => Requests.Add($"{request.Method} {request.Url}");
        page.PageError += (_, error) => Errors.Add($"page error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Errors.Add($"console: {message.Text}");
            }
        };
    }

    public IPage Page { get; }

    public Uri ConsoleUri { get; }

    public ConcurrentBag<string> Requests { get; } = [];

    public ConcurrentBag<string> Errors { get; } = [];

    public static async Task<ConsolePage> OpenAsync(IBrowser browser, Uri consoleUri, int width = 1280, int height = 900)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await context.AddInitScriptAsync(ViolationRecorder);
        var page = await context.NewPageAsync();
        // Every wait below is a condition with a deadline; none of them may wait long on a healthy stack.
        page.SetDefaultTimeout(30_000);
        var console = new ConsolePage(context, page, consoleUri);
        await page.GotoAsync(consoleUri.ToString());
        return console;
    }

    /// <summary>Signs in with the operator key (and a name for the audit trail) and waits for the list to be shown.</summary>
    public async Task SignInAsync(string key, string? name = null)
    {
        await Page.GetByLabel("Operator key").FillAsync(key);
        if (name is not null)
        {
            await Page.GetByLabel("Your name").FillAsync(name);
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Offboardings", Exact = true })).ToBeVisibleAsync();
    }

    public async Task<IReadOnlyList<string>> CspViolationsAsync() =>
        await Page.EvaluateAsync<string[]>("() => window.__cspViolations");

    /// <summary>Saves a full-page screenshot under <see cref="ScreenshotFolder"/> and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
