using System.Globalization;
using System.Text.Json;

namespace Offboarding.LocalRun;

/// <summary>The canonical offboarding request the local run sends (see the README's request section).</summary>
internal static class SampleRequest
{
    public static string For(string email, string? name = null, bool dryRun = false) => JsonSerializer.Serialize(new
    {
        source = "local-run",
        sourceEventId = "local-run-" + DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture),
        operation = "user_transfer_and_delete",
        employee = name is null ? (object)new { workEmail = email } : new { workEmail = email, name },
        transfer = new { records = true, assignment = true, criteria = true },
        dryRun,
    });
}
