using Offboarding.Console.Tests.Browser;

namespace Offboarding.Console.Tests;

/// <summary>The page as chromium gets it from the running app: under its Content-Security-Policy, nothing is refused.</summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class PageDeliveryTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_page_and_its_modules_run_under_the_policy_without_a_violation_or_a_script_error()
    {
        await using var console = await ConsolePage.OpenAsync(fixture.Browser, fixture.Stack.ConsoleUri);

        // main.js has run when the start-up message is gone (it is replaced by sign-in, the workspace or an error).
        await Microsoft.Playwright.Assertions.Expect(console.Page.Locator("#starting")).ToBeHiddenAsync();
        Assert.Empty(await console.CspViolationsAsync());
        Assert.DoesNotContain(console.Errors, error => error.StartsWith("page error", StringComparison.Ordinal));
        Assert.Contains(console.Requests, request => request.EndsWith("/api/console/list.js", StringComparison.Ordinal));
    }
}
