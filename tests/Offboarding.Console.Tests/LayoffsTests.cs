using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Offboarding.Console.Tests.Browser;
using Offboarding.Console.Tests.Stack;
using Offboarding.Functions.Configuration;
using TestSupport;
using static Microsoft.Playwright.Assertions;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Offboarding.Console.Tests;

/// <summary>
/// Issue 25: the Layoffs page. A refused upload shows every bad row by line and column; a valid one shows its plan
/// (problems first, filterable) and estimate, is approved by a second operator (the submitter's own approval is
/// refused), is followed by its progress bar to the end, opens its people's offboardings, and gives its report.
/// </summary>
[Collection(ConsoleTestGroup.Name)]
public sealed class LayoffsTests(ConsoleFixture fixture)
{
    /// <summary>A team leaving with its manager (Maria; Liam under her, Sam under Liam), and each kind of problem.</summary>
    private static readonly string Layoff = string.Join('\n',
        "workEmail,hrisId,name",
        $"{Users.ManagerEmail},E-06,Maria Lopez",
        $"{Users.LeaverEmail},E-07,Liam Carter",
        $"{Users.LeaverSubordinateEmail},E-08,Sam Patel",
        $"{Users.StandardUserEmail},E-09,Noah Kim",
        $"{Users.LeaverWithoutManagerEmail},E-13,Oscar Reed",
        $"{Users.BreakGlassEmail},E-02,Break Glass",
        $"{Users.SuperAdminEmail},E-01,Olivia Hart",
        $"{Users.InactiveEmail},E-28,Paula Gray",
        "nobody@northwind.example,E-99,Nobody",
        $"{Users.StandardUserEmail.ToUpperInvariant()},E-09b,Noah again");

    [Fact]
    public async Task A_refused_upload_shows_every_bad_row_by_line_and_column_and_stores_nothing()
    {
        const string csv = "workEmail,hrisId,name,effectiveAt\nok@northwind.example,E-1,Fine,\nnot-an-email,E-2,Bad Email,\n,,Nobody At All,\nx@northwind.example,E-4,Bad Time,yesterday\n";
        var refusal = await fixture.Stack.Api.PostCsvAsync("batches?name=Refused&reason=checking", csv);
        Assert.Equal(422, refusal.Status);
        var expected = refusal.Problem.GetProperty("errors").EnumerateArray().Select(e => (Line: e.GetProperty("line").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), Column: e.GetProperty("column").GetString() ?? string.Empty)).ToList();
        Assert.Contains(("3", "workEmail"), expected);

        await using var console = await ConsolePage.OpenAsync(fixture.Browser, fixture.Stack.ConsoleUri);
        await console.SignInAsync(fixture.Stack.OperatorKey, "Ada Operator");
        await OpenLayoffsAsync(console);
        await UploadAsync(console, "Refused", "checking", csv);

        var upload = console.Page.GetByRole(AriaRole.Region, new() { Name = "Plan a layoff" });
        await Expect(upload.GetByRole(AriaRole.Alert)).ToContainTextAsync(refusal.Problem.GetProperty("detail").GetString()!);
        var rows = console.Page.Locator("#upload-error-rows tr");
        await Expect(rows).ToHaveCountAsync(expected.Count);
        var shown = new List<(string, string)>();
        for (var i = 0; i < expected.Count; i++)
        {
            var cells = rows.Nth(i).Locator("td");
            shown.Add((await cells.Nth(0).InnerTextAsync(), await cells.Nth(1).InnerTextAsync()));
        }

        Assert.Equal(expected, shown);
        await Expect(upload.GetByRole(AriaRole.Table, new() { Name = "Refused rows" })).ToContainTextAsync("workEmail");
        await console.ScreenshotAsync("console-layoffs-refused");

        var batches = await fixture.Stack.Api.GetAsync("batches");
        Assert.DoesNotContain(batches.GetProperty("items").EnumerateArray(), b => b.GetProperty("name").GetString() == "Refused");
        Assert.Empty(await console.CspViolationsAsync());
    }

    [Fact]
    public async Task A_layoff_is_planned_approved_by_a_second_operator_followed_to_the_end_and_reported()
    {
        // A stack of its own: a live batch's people are joined by webhooks, and the second-approver rule is on. Two job
        // slots, so the run has steps the progress bar shows.
        await using var stack = await ConsoleStack.StartAsync(new Dictionary<string, string>
        {
            [SettingNames.BatchesRequireSecondApprover] = "true",
            [SettingNames.TransferMaxConcurrentJobs] = "2",
        });
        await using var console = await ConsolePage.OpenAsync(fixture.Browser, stack.ConsoleUri);
        var page = console.Page;
        await console.SignInAsync(stack.OperatorKey, "Hana Submitter");
        await OpenLayoffsAsync(console);
        await UploadAsync(console, "Q1 restructuring", "The Lisbon office closes", Layoff);

        // The plan: problems first, as the API lists them.
        var batchPanel = page.GetByRole(AriaRole.Region, new() { Name = "Q1 restructuring" });
        await Expect(page.Locator("#batch-title")).ToContainTextAsync("Awaiting approval");
        var listed = await stack.Api.GetAsync("batches");
        var id = listed.GetProperty("items")[0].GetProperty("id").GetString()!;
        var batch = await stack.Api.GetAsync($"batches/{id}");
        var plans = batch.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("plan").GetString()!).ToList();
        var problems = plans.Count(p => p != "ready");
        Assert.Equal(5, problems);
        var planRows = page.Locator("#plan-rows tr");
        await Expect(planRows).ToHaveCountAsync(plans.Count);
        Assert.Equal(plans, await planRows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.plan)"));
        Assert.All(plans.Take(problems), p => Assert.NotEqual("ready", p));
        await Expect(planRows.Filter(new() { HasText = "Break Glass" })).ToContainTextAsync("Protected");
        await Expect(planRows.Filter(new() { HasText = "Nobody" })).ToContainTextAsync("Not found");
        await Expect(planRows.Filter(new() { HasText = "Noah again" })).ToContainTextAsync("Duplicate");
        await Expect(planRows.Filter(new() { HasText = "Sam Patel" })).ToContainTextAsync("Manager above");
        var estimate = batch.GetProperty("estimate");
        await Expect(page.Locator("#batch-estimate")).ToContainTextAsync($"{estimate.GetProperty("credits").GetInt64()} Zoho API credits");
        await Expect(page.Locator("#batch-estimate")).ToContainTextAsync("2 Zoho jobs at a time");
        await AccessibilityTests.AssertFitsAsync(console, 1280);
        Assert.Empty(await page.EvaluateAsync<string[]>(AccessibilityTests.UnnamedControls));
        await console.ScreenshotAsync("console-layoffs-plan");

        // Filtered: problems only, one plan, then text.
        var show = batchPanel.GetByLabel("Show");
        await show.SelectOptionAsync(new SelectOptionValue { Label = "Problems only" });
        await Expect(planRows).ToHaveCountAsync(problems);
        await show.SelectOptionAsync(new SelectOptionValue { Label = "Protected" });
        await Expect(planRows).ToHaveCountAsync(plans.Count(p => p == "protected"));
        await show.SelectOptionAsync(new SelectOptionValue { Label = "Everyone" });
        await batchPanel.GetByLabel("Name, email, HRIS id or Zoho id").FillAsync("liam");
        await Expect(planRows).ToHaveCountAsync(1);
        await Expect(planRows).ToContainTextAsync("Liam Carter");
        await batchPanel.GetByLabel("Name, email, HRIS id or Zoho id").FillAsync(string.Empty);

        // The submitter's own approval is refused, and the page says why.
        await batchPanel.GetByRole(AriaRole.Button, new() { Name = "Approve…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("Approve the layoff “Q1 restructuring”?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("another operator must approve it");
        await Expect(page.Locator("#batch-problem")).ToContainTextAsync("RequireSecondApprover");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Go back" }).ClickAsync();
        Assert.Equal("awaiting_approval", (await stack.Api.GetAsync($"batches/{id}")).GetProperty("state").GetString());

        // A second operator approves; Zoho holds the jobs, so the first two people stay in its hands.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await console.SignInAsync(stack.OperatorKey, "Ravi Approver");
        await OpenLayoffsAsync(console);
        await page.Locator($"#batch-rows button[data-id='{id}']").ClickAsync();
        await stack.Sandbox.UpdateSettingsAsync(s => s with { JobDurationSeconds = 600 });
        await batchPanel.GetByRole(AriaRole.Button, new() { Name = "Approve…" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(page.Locator("#notice")).ToHaveTextAsync("Approved the layoff “Q1 restructuring”.");
        await Expect(page.Locator("#batch-facts")).ToContainTextAsync("Ravi Approver");
        await Expect(page.Locator("#batch-title")).ToContainTextAsync("Running");
        await Expect(page.Locator("#batch-progress-text")).ToContainTextAsync("left");
        await Eventually.ReturnsAsync(
            () => stack.Api.GetAsync($"batches/{id}"),
            view => view.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("state").GetString() == "submitted") == 2,
            "two people of the layoff are in Zoho's hands",
            within: TimeSpan.FromSeconds(60),
            every: TimeSpan.FromMilliseconds(250));

        // Paused, the two jobs end: the bar shows two of five done and nobody new starts.
        await batchPanel.GetByRole(AriaRole.Button, new() { Name = "Pause…" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(page.Locator("#batch-title")).ToContainTextAsync("Paused");
        await stack.Sandbox.UpdateSettingsAsync(s => s with { JobDurationSeconds = ConsoleStack.JobSeconds });
        await stack.Sandbox.CompleteJobsAsync();
        var bar = batchPanel.GetByRole(AriaRole.Progressbar);
        await Expect(bar).ToHaveAttributeAsync("max", "5");
        await Expect(bar).ToHaveAttributeAsync("value", "2");
        await Expect(page.Locator("#batch-progress-text")).ToContainTextAsync("2 of 5 done: 2 completed");
        await Expect(page.Locator("#batch-progress-text")).ToContainTextAsync("Paused");
        await Expect(page.Locator($"#batch-rows tr[data-id='{id}']")).ToContainTextAsync("2 of 5");
        await console.ScreenshotAsync("console-layoffs-progress");

        // Resumed, it runs to the end on the page's own polling. The polls fetch its progress without the people; the
        // people are fetched again once, when its state changes from running to finished.
        var (fullBefore, progressBefore) = BatchFetches(console, id);
        await batchPanel.GetByRole(AriaRole.Button, new() { Name = "Resume…" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(bar).ToHaveAttributeAsync("value", "5", new() { Timeout = 90_000 });
        await Expect(page.Locator("#batch-title")).ToContainTextAsync("Finished", new() { Timeout = 30_000 });
        await Expect(page.Locator("#batch-progress-text")).ToContainTextAsync("5 of 5 done: 5 completed, 0 failed");
        var (fullAfter, progressAfter) = BatchFetches(console, id);
        Assert.True(progressAfter > progressBefore, $"the page followed the run with the progress view ({progressAfter - progressBefore} fetches)");
        Assert.Equal(1, fullAfter - fullBefore);
        await Expect(planRows.Filter(new() { HasText = "Liam Carter" })).ToContainTextAsync("Completed");

        // The people are fetched again when the operator asks.
        await batchPanel.GetByRole(AriaRole.Button, new() { Name = "Refresh people" }).ClickAsync();
        await Eventually.HoldsAsync(() => BatchFetches(console, id).Full == fullAfter + 1, "the people were fetched on request");
        await Expect(page.Locator("#plan-count")).ToContainTextAsync("Where they are now as of");

        // The report, in the page and as the CSV file the API gives.
        await batchPanel.GetByRole(AriaRole.Button, new() { Name = "View report" }).ClickAsync();
        var report = await stack.Api.GetAsync($"batches/{id}/report");
        var reportRows = page.Locator("#report-rows tr");
        await Expect(reportRows).ToHaveCountAsync(report.GetProperty("people").GetArrayLength());
        var liam = report.GetProperty("people").EnumerateArray().Single(p => p.GetProperty("workEmail").GetString() == Users.LeaverEmail);
        var liamRow = reportRows.Filter(new() { HasText = "Liam Carter" });
        await Expect(liamRow).ToContainTextAsync("Completed");
        await Expect(liamRow).ToContainTextAsync(liam.GetProperty("zohoJobId").GetString()!);
        await Expect(page.Locator("#report-summary")).ToContainTextAsync("approved by Ravi Approver");
        await console.ScreenshotAsync("console-layoffs-report");

        var download = await page.RunAndWaitForDownloadAsync(() => batchPanel.GetByRole(AriaRole.Button, new() { Name = "Download report (CSV)" }).ClickAsync());
        Assert.Equal($"batch-{id}-report.csv", download.SuggestedFilename);
        var saved = await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8);
        Assert.Equal(await stack.Api.GetTextAsync($"batches/{id}/report?format=csv"), saved);

        // At a phone's width the page, its plan and its report still fit, every control named.
        await page.SetViewportSizeAsync(390, 900);
        await console.ScreenshotAsync("console-layoffs-390");
        await AccessibilityTests.AssertFitsAsync(console, 390);
        Assert.Empty(await page.EvaluateAsync<string[]>(AccessibilityTests.UnnamedControls));
        await page.SetViewportSizeAsync(1280, 900);

        // A person opens their offboarding's details on the Offboardings page.
        await page.Locator("#plan-rows").GetByRole(AriaRole.Button, new() { Name = "Liam Carter" }).ClickAsync();
        await Expect(page.Locator("#detail-title")).ToBeFocusedAsync();
        await Expect(page.Locator("#detail-title")).ToContainTextAsync("Liam Carter");
        await Expect(page.Locator("#detail-facts")).ToContainTextAsync(liam.GetProperty("offboardingId").GetString()!);
        await Expect(page.Locator("#layoffs-view")).ToBeHiddenAsync();

        Assert.Empty(await console.CspViolationsAsync());
        Assert.DoesNotContain(console.Errors, error => error.StartsWith("page error", StringComparison.Ordinal));
    }

    /// <summary>How often the page fetched the layoff with its people, and without them (<c>?view=progress</c>).</summary>
    private static (int Full, int Progress) BatchFetches(ConsolePage console, string id)
    {
        var fetches = console.Requests.Where(r => r.StartsWith("GET ", StringComparison.Ordinal)).Select(r => new Uri(r[4..])).Where(u => u.AbsolutePath == $"/api/batches/{id}").ToList();
        return (fetches.Count(u => u.Query.Length == 0), fetches.Count(u => u.Query == "?view=progress"));
    }

    private static async Task OpenLayoffsAsync(ConsolePage console)
    {
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Layoffs", Exact = true }).ClickAsync();
        await Expect(console.Page.GetByRole(AriaRole.Heading, new() { Name = "Plan a layoff" })).ToBeVisibleAsync();
    }

    private static async Task UploadAsync(ConsolePage console, string name, string reason, string csv)
    {
        var upload = console.Page.GetByRole(AriaRole.Region, new() { Name = "Plan a layoff" });
        await upload.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await upload.GetByLabel("Reason", new() { Exact = true }).FillAsync(reason);
        await upload.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "layoff.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await upload.GetByRole(AriaRole.Button, new() { Name = "Upload and plan" }).ClickAsync();
    }
}
