using Microsoft.Playwright;
using Offboarding.Console.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Offboarding.Console.Tests;

/// <summary>The list, its filters and paging, an offboarding's details, and the page refreshing on its own.</summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class ListTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_list_shows_the_finished_sample_and_its_details_match_the_api()
    {
        var id = await fixture.FinishedSampleAsync();
        var view = await fixture.Stack.Api.OffboardingAsync(id);
        await using var console = await ConsolePage.OpenAsync(fixture.Browser, fixture.Stack.ConsoleUri);
        await console.SignInAsync(fixture.Stack.OperatorKey, "Console Tests");

        var row = console.Page.Locator($"#list-rows tr[data-id='{id}']");
        await Expect(row).ToContainTextAsync(Sample.Name);
        await Expect(row).ToContainTextAsync("Completed");
        await Expect(row).ToContainTextAsync(view.GetProperty("zohoJobId").GetString()!);
        await Expect(console.Page.Locator("#counts button[data-state='completed'] .count-value")).Not.ToHaveTextAsync("0");
        await console.ScreenshotAsync("console-list");

        await row.GetByRole(AriaRole.Button, new() { Name = Sample.Name }).ClickAsync();

        var detail = console.Page.Locator("#detail");
        await Expect(console.Page.Locator("#detail-title")).ToBeFocusedAsync();
        await Expect(detail.Locator("#detail-facts")).ToContainTextAsync(view.GetProperty("zohoJobId").GetString()!);
        await Expect(detail.Locator("#detail-facts")).ToContainTextAsync(view.GetProperty("lastJobStatus").GetString()!);
        await Expect(detail.Locator("#detail-facts")).ToContainTextAsync(view.GetProperty("target").GetProperty("zohoUserId").GetString()!);
        await Expect(detail.Locator("#detail-audit > li")).ToHaveCountAsync(view.GetProperty("audit").GetArrayLength());
        await Expect(detail.Locator("#detail-events")).ToContainTextAsync(view.GetProperty("events")[0].GetString()!);
        await Expect(detail.GetByRole(AriaRole.Button, new() { Name = "Cancel offboarding…" })).ToBeHiddenAsync();
        await console.ScreenshotAsync("console-detail");
    }

    [Fact]
    public async Task Filters_by_hris_id_and_state_and_pages_through_with_the_continuation_token()
    {
        // Eleven planned (dry-run) offboardings under one HRIS id: a page of ten and a page of one.
        var hrisId = $"PAGE-{Guid.NewGuid():N}"[..20];
        var ids = new List<string>();
        for (var i = 0; i < 11; i++)
        {
            ids.Add(await fixture.Stack.Hris.OffboardAsync("noah.kim@northwind.example", hrisId, dryRun: true));
        }

        foreach (var id in ids)
        {
            await fixture.Stack.Api.WaitForStateAsync(id, "planned");
        }

        await using var console = await ConsolePage.OpenAsync(fixture.Browser, fixture.Stack.ConsoleUri);
        await console.SignInAsync(fixture.Stack.OperatorKey);
        await console.Page.GetByLabel("Email or HRIS id").FillAsync(hrisId);
        await console.Page.GetByLabel("State", new() { Exact = true }).SelectOptionAsync("planned");
        await console.Page.GetByLabel("Rows per page").SelectOptionAsync("10");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();

        var rows = console.Page.Locator("#list-rows tr");
        await Expect(rows).ToHaveCountAsync(10);
        var firstPage = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(console.Page.GetByRole(AriaRole.Button, new() { Name = "Next page" })).ToBeDisabledAsync();
        var secondPage = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");
        Assert.Equal(ids.Order(StringComparer.Ordinal), firstPage.Concat(secondPage).Order(StringComparer.Ordinal));

        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Previous page" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(10);

        // Another state under the same HRIS id: nothing.
        await console.Page.GetByLabel("State", new() { Exact = true }).SelectOptionAsync("failed");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(console.Page.Locator("#list-empty")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_new_offboarding_appears_without_the_operator_doing_anything()
    {
        await using var console = await ConsolePage.OpenAsync(fixture.Browser, fixture.Stack.ConsoleUri);
        await console.SignInAsync(fixture.Stack.OperatorKey);

        var id = await fixture.Stack.Hris.OffboardAsync("ava.wilson@northwind.example", dryRun: true);

        // The page refreshes every 10 s; the expectations' 30 s deadline covers a couple of rounds.
        await Expect(console.Page.Locator($"#list-rows tr[data-id='{id}']")).ToBeVisibleAsync();
    }
}
