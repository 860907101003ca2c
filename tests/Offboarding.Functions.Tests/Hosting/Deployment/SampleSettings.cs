using System.Text.Json;
using TestSupport;

namespace Offboarding.Functions.Tests.Hosting.Deployment;

/// <summary>local.settings.sample.json's Values, as Core Tools and the local host read them.</summary>
internal static class SampleSettings
{
    public static string Path => System.IO.Path.Combine(RepositoryRoot.Path, "local.settings.sample.json");

    public static Dictionary<string, string?> Values()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path));
        return document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString(), StringComparer.Ordinal);
    }
}
