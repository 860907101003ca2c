using System.Text.Json.Serialization;

namespace Zoho.Crm.Sandbox.Control;

/// <summary>How a successful transfer_and_delete names the job id: Zoho's v7 page says <c>jobId</c>, the v8 spec <c>job_id</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobIdSpelling>))]
public enum JobIdSpelling
{
    /// <summary><c>details.jobId</c>, as the v7 documentation sample.</summary>
    CamelCase,

    /// <summary><c>details.job_id</c>, as Zoho's v8 OpenAPI file.</summary>
    SnakeCase,

    /// <summary><c>job_id</c> for v8 paths, <c>jobId</c> for older versions.</summary>
    ByApiVersion,
}
