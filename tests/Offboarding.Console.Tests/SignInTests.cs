using Microsoft.Playwright;
using Offboarding.Console.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Offboarding.Console.Tests;

/// <summary>
/// Signing in as the API does locally: the page asks for the operator key once, keeps it for the tab only, and shows
/// (and fetches) no personal data before the API has accepted it.
/// </summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class SignInTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Before_sign_in_the_page_asks_for_the_key_and_neither_shows_nor_fetches_personal_data()
    {
        await fixture.FinishedSampleAsync();

        await using var console = await ConsolePage.OpenAsync(fixture.Browser, fixture.Stack.ConsoleUri);

        await Expect(console.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(console.Page.GetByLabel("Operator key")).ToBeFocusedAsync();
        await Expect(console.Page.Locator("#workspace")).ToBeHiddenAsync();
        Assert.DoesNotContain(Sample.Email, await console.Page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
        // The only API call before sign-in is the probe for the counts, which carry no personal data.
        var apiCalls = console.Requests.Where(r => r.Contains("/api/", StringComparison.Ordinal) && !r.Contains("/api/console", StringComparison.Ordinal));
        Assert.All(apiCalls, call => Assert.EndsWith("/api/offboardings/counts", call, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_key_is_refused_kept_nowhere_and_shows_nothing()
    {
        await using var console = await ConsolePage.OpenAsync(fixture.Browser, fixture.Stack.ConsoleUri);

        await console.Page.GetByLabel("Operator key").FillAsync("not-the-key");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(console.Page.Locator("#sign-in-problem")).ToHaveTextAsync("That operator key was refused.");
        await Expect(console.Page.Locator("#workspace")).ToBeHiddenAsync();
        Assert.Equal(0, await console.Page.EvaluateAsync<int>("() => sessionStorage.length + localStorage.length"));
    }

    [Fact]
    public async Task The_key_is_kept_for_the_tab_only_and_signing_out_forgets_it_and_what_was_shown()
    {
        await fixture.FinishedSampleAsync();
        await using var console = await ConsolePage.OpenAsync(fixture.Browser, fixture.Stack.ConsoleUri);
        await console.SignInAsync(fixture.Stack.OperatorKey);
        await Expect(console.Page.Locator("#list-rows")).ToContainTextAsync(Sample.Name);

        // Reloading the tab keeps the sign-in; the key is in sessionStorage and nowhere else the page can write.
        await console.Page.ReloadAsync();
        await Expect(console.Page.Locator("#list-rows")).ToContainTextAsync(Sample.Name);
        Assert.Equal(fixture.Stack.OperatorKey, await console.Page.EvaluateAsync<string>("() => Object.values(sessionStorage).find(v => v.length === 32)"));
        Assert.Equal(0, await console.Page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.Empty(await console.Page.Context.CookiesAsync());

        // Another tab of its own (a fresh context) is asked again.
        await using (var other = await ConsolePage.OpenAsync(fixture.Browser, fixture.Stack.ConsoleUri))
        {
            await Expect(other.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        }

        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(console.Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Equal(0, await console.Page.EvaluateAsync<int>("() => sessionStorage.length"));
        Assert.DoesNotContain(Sample.Email, await console.Page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
