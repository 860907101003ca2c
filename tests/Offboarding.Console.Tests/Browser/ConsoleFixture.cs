using Microsoft.Playwright;
using Offboarding.Console.Tests.Stack;

namespace Offboarding.Console.Tests.Browser;

/// <summary>One running stack and one chromium for all the console's tests, which run one after another (2-core machines).</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ConsoleStack? _stack;
    private Task<string>? _sample;

    internal ConsoleStack Stack => _stack ?? throw new InvalidOperationException("The stack has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>The sample offboarding ./run.sh shows (Liam Carter), offboarded once and finished; its id.</summary>
    public Task<string> FinishedSampleAsync() => _sample ??= OffboardSampleAsync();

    private async Task<string> OffboardSampleAsync()
    {
        var id = await Stack.Hris.OffboardAsync(Sample.Email, Sample.HrisId, Sample.Name);
        await Stack.Api.WaitForStateAsync(id, "completed");
        return id;
    }

    public async Task InitializeAsync()
    {
        var executable = ChromiumLocator.Find();
        // Expectations wait for their condition up to this deadline (the page refreshes itself every 10 s).
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true });
        _stack = await ConsoleStack.StartAsync(new Dictionary<string, string>());
    }

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>The finished sample's leaver (the sandbox's default org).</summary>
public static class Sample
{
    public const string Email = "liam.carter@northwind.example";
    public const string HrisId = "E-1007";
    public const string Name = "Liam Carter";
}

[CollectionDefinition(Name)]
public sealed class ConsoleTestGroup : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "operator console in chromium";
}
