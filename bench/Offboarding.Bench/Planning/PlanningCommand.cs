using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Bench.Probes;
using Offboarding.Functions.Batches;
using Offboarding.Functions.Operators;
using Zoho.Crm.Sandbox.Api;
using Zoho.Crm.Sandbox.Hosting;

namespace Offboarding.Bench.Planning;

/// <summary>The <c>planning</c> verb (issue 25): a layoff of 10,000 rows planned against an org of about 10,900 users, through
/// <c>POST /api/batches</c> as an operator uploads it. Prints the planning time and the Zoho calls planning spent (target:
/// at most ⌈users / 200⌉ + 1), with the time of each stage, and writes bench/results/planning.md.</summary>
public static class PlanningCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, string command, CancellationToken cancellationToken)
    {
        var options = PlanningOptions.Parse(args);
        var org = LeaverOrg.Generate(options.Leavers);
        var layoff = LayoffList.Of(org, options.LeavingManagers);
        var users = org.Fixture.Users.Count(u => u.CrmUser && !u.IsDeleted);
        var bound = (int)Math.Ceiling(users / 200.0) + 1;
        Say($"planning: {layoff.Rows} rows against {users} users, {options.Runs} run(s)");

        await using var stack = await LocalDeployment.StartAsync(org, new SandboxOptions(), persistentStorage: false, cancellationToken).ConfigureAwait(false);
        await using var app = await InProcessPipeline.StartAsync(stack.BaseSettings(), null, cancellationToken).ConfigureAwait(false);
        var runs = new List<PlanningRun>();
        for (var run = 1; run <= options.Runs; run++)
        {
            runs.Add(await RunOnceAsync(app, stack, layoff, cancellationToken).ConfigureAwait(false));
            Say($"run {run}: {runs[^1].Describe()}");
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Planning a layoff, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- machine: {MachineInfo.Current()} (Azurite, the sandbox and the app share it)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- command: `{command}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"- batch: {layoff.Rows} rows ({options.Leavers} leavers and {layoff.LeavingManagerIds.Count} of their managers, so {layoff.WalkedUp(org)} rows walk up past a leaving manager), uploaded as CSV to `POST /api/batches`");
        text.AppendLine(CultureInfo.InvariantCulture, $"- org: {users} active CRM users; Zoho calls target ⌈users / 200⌉ + 1 = {bound}").AppendLine();
        text.AppendLine("| run | planning time (s) | Zoho CRM calls spent | of which users.list | users.get | OAuth token calls (not CRM, no credits) | read upload (s) | plan: org read + offboardings + walk (s) | estimate + store (s) |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (r, i) in runs.Select((r, i) => (r, i + 1)))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {i} | {r.Total.TotalSeconds:0.00} | {r.ZohoCalls} | {r.ListingCalls} | {r.UserGets} | {r.TokenCalls} | {r.Read.TotalSeconds:0.00} | {r.Plan.TotalSeconds:0.00} | {r.Store.TotalSeconds:0.00} |");
        }

        text.AppendLine().AppendLine("Planning time is the whole upload as an operator waits for it (`SubmitBatchHandler`, in process over Azurite and the sandbox). "
            + "Each stage is then timed again on its own, warm (the reader, `BatchPlanner`, `BatchCreation` less the plan), so they need not add up "
            + "to the upload's time; the first upload also pays the process's warm-up (JIT, the OAuth token). Every run adds its batches' rows to the table. Storing is 200 table transactions of 100 rows (people, then the `who` index), "
            + "sent 8 at a time; on Azurite each row costs about 0.5 ms.");
        var folder = Path.Combine(TestSupport.RepositoryRoot.Path, "bench", "results");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "planning.md"), text.ToString(), cancellationToken).ConfigureAwait(false);
        Console.WriteLine();
        Console.WriteLine(text);
        return runs.All(r => r.ZohoCalls <= bound && r.UserGets == 0) ? 0 : 1;
    }

    /// <summary>One upload through the operator route, its Zoho calls from the sandbox's log; then each stage again on its own
    /// (the handler's own collaborators, called as it calls them) for the breakdown.</summary>
    private static async Task<PlanningRun> RunOnceAsync(ServiceProvider app, LocalDeployment stack, LayoffList layoff, CancellationToken cancellationToken)
    {
        await stack.Control.ClearCallLogAsync(cancellationToken).ConfigureAwait(false);
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "text/csv";
        context.Request.QueryString = new QueryString("?name=bench%20layoff&reason=planning%20bench");
        var caller = new OperatorIdentity("Bench");
        var clock = Stopwatch.StartNew();
        var answer = await app.GetRequiredService<SubmitBatchHandler>().HandleAsync(context.Request, Encoding.UTF8.GetBytes(layoff.Csv), caller, cancellationToken).ConfigureAwait(false);
        var total = clock.Elapsed;
        if (answer.StatusCode != 201)
        {
            throw new InvalidOperationException($"The upload was answered {answer.StatusCode}.");
        }

        // OAuth token calls are the accounts server's, not the CRM API's (no credits): counted apart.
        var log = await stack.Control.GetCallLogAsync(cancellationToken).ConfigureAwait(false);
        var calls = log.Where(c => c.Status != 401 && c.Endpoint is not (ZohoRoutes.Token or ZohoRoutes.TokenRevoke)).ToList();
        var tokenCalls = log.Count(c => c.Endpoint == ZohoRoutes.Token);

        var id = Guid.NewGuid().ToString("N");
        clock.Restart();
        var submission = app.GetRequiredService<BatchUploadReader>().ReadCsv(id, layoff.Csv, "bench layoff", "planning bench", null).Submission
            ?? throw new InvalidOperationException("The layoff list was refused.");
        var read = clock.Elapsed;
        clock.Restart();
        await app.GetRequiredService<BatchPlanner>().PlanAsync(id, submission.Rows, cancellationToken).ConfigureAwait(false);
        var plan = clock.Elapsed;
        clock.Restart();
        await app.GetRequiredService<BatchCreation>().CreateAsync(id, submission, caller, cancellationToken).ConfigureAwait(false);
        var store = clock.Elapsed - plan;
        return new PlanningRun(total, calls.Count, calls.Count(c => c.Endpoint == ZohoRoutes.UsersList), calls.Count(c => c.Endpoint == ZohoRoutes.UsersGet), tokenCalls,
            read, plan, store);
    }

    private static void Say(string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");
}
