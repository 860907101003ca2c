using System.Text.Json;

namespace Offboarding.LocalRun;

/// <summary>The <c>Values</c> of a local.settings.json: the same file the app reads, so sender and app agree on secrets.</summary>
internal sealed class LocalSettingsFile
{
    private readonly Dictionary<string, string> _values;

    private LocalSettingsFile(Dictionary<string, string> values) => _values = values;

    public static LocalSettingsFile Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var values = document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new LocalSettingsFile(values);
    }

    public string Require(string name) =>
        _values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new InvalidOperationException($"The settings file has no value for '{name}'.");
}
