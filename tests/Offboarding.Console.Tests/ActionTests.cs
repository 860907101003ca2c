using Microsoft.Playwright;
using Offboarding.Console.Tests.Browser;
using Zoho.Crm.Sandbox.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace Offboarding.Console.Tests;

/// <summary>
/// The operator's actions through the page (each confirmed in its dialog), each checked afterwards through the API;
/// a refusal shows the API's problem text.
/// </summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class ActionTests(ConsoleFixture fixture)
{
    private const string OperatorName = "Ada Operator";

    [Fact]
    public async Task Cancelling_a_deferred_offboarding_records_who_and_why()
    {
        var id = await fixture.Stack.Hris.OffboardAsync("chloe.martin@northwind.example", effectiveAt: DateTimeOffset.UtcNow.AddDays(2));
        await fixture.Stack.Api.WaitForStateAsync(id, "accepted");
        await using var console = await OpenSignedInAsync();

        await OpenDetailAsync(console, id);
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel offboarding…" }).ClickAsync();
        var dialog = console.Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Cancel the offboarding of chloe.martin@northwind.example?");
        await dialog.GetByLabel("Reason").FillAsync("HR reversed the termination");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel offboarding" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(console.Page.Locator("#notice")).ToContainTextAsync("Cancelled");
        await Expect(console.Page.Locator("#detail-title")).ToContainTextAsync("Cancelled");
        var view = await fixture.Stack.Api.OffboardingAsync(id);
        Assert.Equal("cancelled", view.GetProperty("state").GetString());
        Assert.Equal("HR reversed the termination", view.GetProperty("cancellation").GetProperty("reason").GetString());
        Assert.Contains(OperatorName, view.GetProperty("cancellation").GetProperty("by").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancel_after_submission_to_zoho_is_refused_and_the_page_shows_the_apis_problem_text()
    {
        // Jobs take ten minutes for this test, so the offboarding sits in Zoho's hands (submitted) while the page acts.
        await fixture.Stack.Sandbox.UpdateSettingsAsync(settings => settings with { JobDurationSeconds = 600 });
        try
        {
            var id = await fixture.Stack.Hris.OffboardAsync("emma.brown@northwind.example");
            await fixture.Stack.Api.WaitForStateAsync(id, "submitted");
            await using var console = await OpenSignedInAsync();

            await OpenDetailAsync(console, id);
            await console.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel offboarding…" }).ClickAsync();
            var dialog = console.Page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("Reason").FillAsync("Too late, surely");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel offboarding" }).ClickAsync();

            // The same refusal the API gives anyone who tries.
            var refusal = await fixture.Stack.Api.PostAsync($"offboardings/{id}/cancel", """{"reason":"Too late, surely"}""");
            Assert.Equal(409, refusal.Status);
            await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync(refusal.Problem.GetProperty("detail").GetString()!);
            await Expect(console.Page.Locator("#detail-problem")).ToContainTextAsync(refusal.Problem.GetProperty("title").GetString()!);
            Assert.Equal("submitted", await fixture.Stack.Api.StateAsync(id));
        }
        finally
        {
            await fixture.Stack.Sandbox.UpdateSettingsAsync(settings => settings with { JobDurationSeconds = Stack.ConsoleStack.JobSeconds });
            await fixture.Stack.Sandbox.CompleteJobsAsync();
        }
    }

    [Fact]
    public async Task Retrying_a_failed_offboarding_once_its_cause_is_fixed_completes_it()
    {
        await fixture.Stack.Sandbox.UpdateSettingsAsync(settings => settings with { FailJobsForUserIds = [DefaultOrg.Users.SalesManagerId] });
        var id = await fixture.Stack.Hris.OffboardAsync(DefaultOrg.Users.SalesManagerEmail);
        var failed = await fixture.Stack.Api.WaitForStateAsync(id, "failed");
        await fixture.Stack.Sandbox.UpdateSettingsAsync(settings => settings with { FailJobsForUserIds = [] });
        await using var console = await OpenSignedInAsync();

        await OpenDetailAsync(console, id);
        await Expect(console.Page.Locator("#detail-facts")).ToContainTextAsync(failed.GetProperty("failure").GetProperty("code").GetString()!);
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Retry…" }).ClickAsync();
        var dialog = console.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Reason").FillAsync("Zoho job failure cleared");
        // A failed Zoho job is retried without force (only refusals that would repeat need it).
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(console.Page.Locator("#notice")).ToContainTextAsync("Retrying");
        var done = await fixture.Stack.Api.WaitForStateAsync(id, "completed");
        Assert.Equal(2, done.GetProperty("attempt").GetInt32());
        // The page follows it to the end on its own.
        await Expect(console.Page.Locator("#detail-title")).ToContainTextAsync("Completed");
    }

    private async Task<ConsolePage> OpenSignedInAsync()
    {
        var console = await ConsolePage.OpenAsync(fixture.Browser, fixture.Stack.ConsoleUri);
        await console.SignInAsync(fixture.Stack.OperatorKey, OperatorName);
        return console;
    }

    private static async Task OpenDetailAsync(ConsolePage console, string id)
    {
        await console.Page.Locator($"#list-rows button[data-id='{id}']").ClickAsync();
        await Expect(console.Page.Locator("#detail-facts")).ToContainTextAsync(id);
    }
}
