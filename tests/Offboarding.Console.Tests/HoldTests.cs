using Microsoft.Playwright;
using Offboarding.Console.Tests.Browser;
using Offboarding.Console.Tests.Stack;
using Offboarding.Functions.Configuration;
using static Microsoft.Playwright.Assertions;

namespace Offboarding.Console.Tests;

/// <summary>
/// The hold banner: a burst trips the blast-radius hold, the page shows what it holds, and the operator approves some
/// and rejects the rest, each checked through the API. On a stack of its own, since an open hold holds everything after it.
/// </summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class HoldTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Approving_selected_and_rejecting_the_rest_of_a_hold()
    {
        // More than one offboarding within the window trips the hold: the first goes on, the next ones wait.
        await using var stack = await ConsoleStack.StartAsync(new Dictionary<string, string> { [SettingNames.HoldThreshold] = "1" });
        var first = await stack.Hris.OffboardAsync("jonas.berg@northwind.example");
        var approved = await stack.Hris.OffboardAsync("elena.novak@northwind.example", name: "Elena Novak");
        var rejected = await stack.Hris.OffboardAsync("mia.schulz@northwind.example", name: "Mia Schulz");
        await stack.Api.WaitForStateAsync(approved, "held");
        await stack.Api.WaitForStateAsync(rejected, "held");

        await using var console = await ConsolePage.OpenAsync(fixture.Browser, stack.ConsoleUri);
        await console.SignInAsync(stack.OperatorKey, "Hold Reviewer");
        var banner = console.Page.GetByRole(AriaRole.Region, new() { Name = "Hold open" });
        await Expect(banner).ToContainTextAsync("Elena Novak");
        await Expect(banner).ToContainTextAsync("Mia Schulz");
        await Expect(banner).Not.ToContainTextAsync("jonas.berg");
        await console.ScreenshotAsync("console-hold");

        await banner.GetByLabel("Elena Novak").CheckAsync();
        await banner.GetByRole(AriaRole.Button, new() { Name = "Approve selected" }).ClickAsync();
        var dialog = console.Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Approve 1 held offboarding?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await Expect(console.Page.Locator("#notice")).ToHaveTextAsync("Approved 1 offboarding.");
        await Expect(banner).Not.ToContainTextAsync("Elena Novak");
        await stack.Api.WaitForStateAsync(approved, "completed");
        Assert.Equal("held", await stack.Api.StateAsync(rejected));

        await banner.GetByRole(AriaRole.Button, new() { Name = "Reject all" }).ClickAsync();
        await dialog.GetByLabel("Reason").FillAsync("Runaway HR sync");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();

        await Expect(console.Page.Locator("#notice")).ToHaveTextAsync("Rejected 1 offboarding.");
        var view = await stack.Api.OffboardingAsync(rejected);
        Assert.Equal("cancelled", view.GetProperty("state").GetString());
        Assert.Contains("Runaway HR sync", view.GetProperty("cancellation").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("Hold Reviewer", view.GetProperty("cancellation").GetProperty("by").GetString(), StringComparison.Ordinal);
        Assert.Equal("completed", await stack.Api.StateAsync(first));
    }
}
