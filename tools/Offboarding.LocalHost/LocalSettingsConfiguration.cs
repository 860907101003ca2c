using System.Text.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace Offboarding.LocalHost;

/// <summary>
/// Reads the <c>Values</c> of a <c>local.settings.json</c> (the file Core Tools uses), so a copy of
/// local.settings.sample.json configures <c>dotnet run</c> the same way. Every other source wins over it; under
/// Core Tools the same values already arrive as environment variables, and in Azure there is no such file.
/// </summary>
public static class LocalSettingsConfiguration
{
    public const string FileName = "local.settings.json";

    /// <summary>Adds the file's values if it exists; <c>Section__Key</c> names become <c>Section:Key</c> as for environment variables.</summary>
    public static void AddLocalSettings(this IConfigurationBuilder configuration, string path)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!File.Exists(path))
        {
            return;
        }

        using var document = ParseFile(path);
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException($"{path} has no \"Values\" object.");
        }

        var settings = values.EnumerateObject()
            .Select(setting => new KeyValuePair<string, string?>(
                setting.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal),
                setting.Value.ValueKind == JsonValueKind.String ? setting.Value.GetString() : setting.Value.GetRawText()))
            .ToList();

        // Below every source already added (appsettings, environment variables, the command line).
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = settings });
    }

    private static JsonDocument ParseFile(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            // The file holds secrets: name the position, never echo the content.
            throw new InvalidOperationException($"{path} is not valid JSON (line {ex.LineNumber + 1}).", ex);
        }
    }
}
