using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Sandbox.Engine;
using Zoho.Crm.Sandbox.Faults;
using Zoho.Crm.Sandbox.Fixtures;

namespace Zoho.Crm.Sandbox.Inspection;

/// <summary>The sandbox's own API under <c>/__sandbox</c>: settings and faults, state, reset, call log, clock and jobs.</summary>
public static class ControlEndpoints
{
    public const string Prefix = "/__sandbox";

    public static void Map(IEndpointRouteBuilder app)
    {
        var control = app.MapGroup(Prefix);
        control.MapGet("/health", () => Results.Ok(new { status = "ok" }));

        control.MapGet("/settings", (SandboxState state) => Results.Ok(state.CurrentSettings()));
        control.MapPut("/settings", (SandboxSettings settings, SandboxState state) =>
        {
            var problems = SandboxSettingsValidator.Problems(settings);
            if (problems.Count > 0)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["settings"] = [.. problems] });
            }

            state.Settings = settings;
            return Results.Ok(state.CurrentSettings());
        });

        control.MapPost("/reset", (SandboxState state, CallLog log, ConcurrencyGate gate) =>
        {
            state.Reset();
            log.Clear();
            gate.ResetPeak();
            return Results.NoContent();
        });

        control.MapPut("/org", (OrgFixture org, SandboxState state, CallLog log, ConcurrencyGate gate) =>
        {
            state.Reset(org);
            log.Clear();
            gate.ResetPeak();
            return Results.NoContent();
        });

        control.MapGet("/state", (SandboxState state) => Results.Ok(Snapshot(state)));

        control.MapGet("/calls", (CallLog log) => Results.Ok(log.Entries()));
        control.MapGet("/calls/counts", (CallLog log) => Results.Ok(log.Counts()));
        control.MapGet("/calls/count", (string? endpoint, int? status, string? code, string? userId, CallLog log) =>
            Results.Ok(new CallCountAnswer(log.Count(endpoint, status, code, userId))));
        control.MapDelete("/calls", (CallLog log, ConcurrencyGate gate) =>
        {
            log.Clear();
            gate.ResetPeak();
            return Results.NoContent();
        });

        control.MapGet("/concurrency", (SandboxState state, ConcurrencyGate gate) => Results.Ok(gate.Snapshot(state.ConcurrencyLimit)));
        control.MapPost("/concurrency/reset-peak", (ConcurrencyGate gate) =>
        {
            gate.ResetPeak();
            return Results.NoContent();
        });

        control.MapPost("/clock/advance", (double seconds, SandboxState state) =>
        {
            if (seconds < 0)
            {
                return Results.BadRequest(new { error = "seconds must be >= 0: the sandbox clock only moves forward" });
            }

            state.Clock.Advance(TimeSpan.FromSeconds(seconds));
            return Results.Ok(new { now = state.Clock.Now });
        });

        control.MapPost("/jobs/complete", (string? jobId, SandboxState state) => EndJobs(state, jobId, fail: false));
        control.MapPost("/jobs/fail", (string? jobId, SandboxState state) => EndJobs(state, jobId, fail: true));

        control.MapPost("/tokens/expire", (SandboxState state) =>
        {
            lock (state.Gate)
            {
                state.Tokens.ExpireAll();
            }

            return Results.NoContent();
        });
    }

    public static SandboxStateSnapshot Snapshot(SandboxState state)
    {
        lock (state.Gate)
        {
            state.Settle();
            var now = state.Clock.Now;
            return new SandboxStateSnapshot(
                OrgFixtureSerializer.Clone(state.Org),
                [.. state.Jobs.Select(j => j.Snapshot(now))],
                now,
                state.Credits.Used(now),
                state.DailyCreditLimit,
                state.Tokens.ActiveCount(now));
        }
    }

    /// <summary>Makes unfinished jobs (one, or all) due now, ending completed or failed, and applies them.</summary>
    private static IResult EndJobs(SandboxState state, string? jobId, bool fail)
    {
        lock (state.Gate)
        {
            var now = state.Clock.Now;
            var jobs = state.Jobs.Where(j => !j.Finished && (jobId is null || j.JobId == jobId)).ToList();
            if (jobId is not null && jobs.Count == 0)
            {
                return Results.NotFound(new { error = $"no unfinished job {jobId}" });
            }

            foreach (var job in jobs)
            {
                job.DueAt = now;
                job.WillFail |= fail;
            }

            state.Settle();
            return Results.Ok(new { ended = jobs.Select(j => j.JobId) });
        }
    }
}
