using System.Text.Json.Nodes;
using Zoho.Crm.Sandbox.Control;
using Zoho.Crm.Sandbox.Engine;

namespace Zoho.Crm.Sandbox.Api;

/// <summary>Transfer records and delete user (both URL forms) and its job status API.</summary>
public sealed class TransferAndDeleteHandler(SandboxState state)
{
    private const string Resource = "transfer_and_delete";

    public ZohoResult Schedule(ApiCall call)
    {
        var pathUserId = call.Route("id");
        var bodyUserId = TryReadBodyUserId(call.Body);
        var caller = state.Org.FindUser(call.RequireCaller().UserId);
        if (caller is not { SuperAdmin: true })
        {
            return ZohoErrors.Top(StatusCodes.Status403Forbidden, ZohoCodes.NoPermission, "Only super admin has permission to delete users")
                with { UserId = pathUserId ?? bodyUserId };
        }

        var error = new TransferRequestValidator(state.Org).Validate(pathUserId, call.Body, caller.Id, out var accepted);
        if (error is not null)
        {
            return error with { UserId = pathUserId ?? bodyUserId };
        }

        var request = accepted ?? throw new InvalidOperationException("The validator accepted the request without describing it.");

        var settings = state.Settings;
        var now = state.Clock.Now;
        if (state.Jobs.Count(j => !j.Finished && !j.IsDue(now)) >= settings.ConcurrentJobLimit)
        {
            return ZohoErrors.Top(StatusCodes.Status400BadRequest, ZohoCodes.ConcurrentJobLimitExceeded, "Transfer and delete user scheduler limit reached",
                ZohoErrors.Details(("limit", settings.ConcurrentJobLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))))
                with { UserId = request.UserId };
        }

        var job = new TransferJob
        {
            JobId = state.NextJobId(),
            UserId = request.UserId,
            TransferToId = request.TransferToId,
            TransferRecords = request.Records,
            TransferAssignment = request.Assignment,
            TransferCriteria = request.Criteria,
            MoveSubordinatesToId = request.MoveSubordinatesToId,
            ScheduledAt = now,
            DueAt = now + TimeSpan.FromSeconds(settings.JobDurationSeconds),
            WillFail = settings.FailJobs || settings.FailJobsForUserIds.Contains(request.UserId),
            Reason = "The job failed (sandbox fault injection).",
        };
        state.Jobs.Add(job);

        var details = new JsonObject
        {
            [JobIdKey(settings.JobIdSpelling, call.Version)] = job.JobId,
            ["id"] = request.UserId,
        };
        var body = new JsonObject { [Resource] = new JsonArray(ZohoErrors.Entry(ZohoCodes.Success, "user is deleted successfully", details, "success")) };
        return ZohoResult.Ok(body) with { UserId = request.UserId, JobId = job.JobId };
    }

    public ZohoResult Status(ApiCall call)
    {
        var jobId = call.Parameter("job_id");
        if (jobId is null)
        {
            return ZohoErrors.RequiredParamMissing("job_id");
        }

        var job = state.Jobs.Find(j => j.JobId == jobId);
        if (job is null)
        {
            return ZohoResult.NoContent with { JobId = jobId };
        }

        var status = job.StatusAt(state.Clock.Now);
        var entry = new JsonObject { ["status"] = status };
        if (status == JobStatus.Failed)
        {
            entry["reason"] = job.Reason;
        }

        return ZohoResult.Ok(new JsonObject { [Resource] = new JsonArray(entry) }, code: null) with { UserId = job.UserId, JobId = job.JobId };
    }

    private static string JobIdKey(JobIdSpelling spelling, string version) => spelling switch
    {
        JobIdSpelling.SnakeCase => "job_id",
        JobIdSpelling.ByApiVersion when version == "v8" => "job_id",
        _ => "jobId",
    };

    /// <summary>Best effort, only so the call log can name the user even when the request is rejected.</summary>
    private static string? TryReadBodyUserId(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["transfer_and_delete"]?[0]?["id"]?.ToString();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }
}
