using System.Text.Json;
using Microsoft.Playwright;
using Offboarding.Console.Tests.Browser;
using Offboarding.Console.Tests.Stack;
using TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Offboarding.Console.Tests;

/// <summary>
/// Issue 26: the Zoho credits panel. With the org's credits exhausted, an offboarding waits for them; the panel warns that
/// Zoho's credits are out and how many transfers wait, as <c>GET /api/zoho/usage</c> says, and the offboarding's details
/// say since when it waits. On a stack of its own, since the exhaustion holds every Zoho call of the app.
/// </summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class CreditsTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task With_the_credits_exhausted_the_panel_warns_that_a_transfer_waits_for_them()
    {
        await using var stack = await ConsoleStack.StartAsync(new Dictionary<string, string>());
        await stack.Sandbox.UpdateSettingsAsync(s => s with { DailyCredits = 0 });
        var id = await stack.Hris.OffboardAsync("jonas.berg@northwind.example", name: "Jonas Berg");
        await Eventually.ReturnsAsync(
            () => stack.Api.OffboardingAsync(id),
            view => view.GetProperty("waitingForCreditsSince").ValueKind == JsonValueKind.String,
            $"offboarding {id} waits for credits",
            within: TimeSpan.FromSeconds(60),
            every: TimeSpan.FromMilliseconds(200));
        var usage = await stack.Api.GetAsync("zoho/usage");
        Assert.Equal(JsonValueKind.Object, usage.GetProperty("exhausted").ValueKind);
        Assert.Equal(1, usage.GetProperty("waiting").GetProperty("count").GetInt32());

        await using var console = await ConsolePage.OpenAsync(fixture.Browser, stack.ConsoleUri);
        await console.SignInAsync(stack.OperatorKey, "Credit Watcher");
        var panel = console.Page.GetByRole(AriaRole.Region, new() { Name = "Zoho API credits" });
        var warning = panel.GetByRole(AriaRole.Alert);
        await Expect(warning).ToBeVisibleAsync();
        await Expect(warning).ToContainTextAsync("credits are exhausted");
        await Expect(warning).ToContainTextAsync("1 transfer waits for credits");
        await Expect(panel).ToContainTextAsync("no budget of this app's own");
        await console.ScreenshotAsync("console-credits");

        await console.Page.Locator($"#list-rows tr[data-id='{id}']").GetByRole(AriaRole.Button, new() { Name = "Jonas Berg" }).ClickAsync();
        await Expect(console.Page.Locator("#detail-facts")).ToContainTextAsync("Waiting for Zoho API credits since");
    }
}
