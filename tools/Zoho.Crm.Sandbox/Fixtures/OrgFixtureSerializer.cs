using System.Text.Json;

namespace Zoho.Crm.Sandbox.Fixtures;

/// <summary>Reads and writes org fixtures, and loads the default one shipped inside the assembly.</summary>
public static class OrgFixtureSerializer
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static OrgFixture Parse(string json) =>
        JsonSerializer.Deserialize<OrgFixture>(json, Options)
        ?? throw new InvalidDataException("The org fixture is empty (JSON null).");

    /// <summary>Loads a fixture file; a malformed one fails with the path and the JSON error's position.</summary>
    public static OrgFixture Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The org fixture {path} is not valid: {ex.Message}", ex);
        }
    }

    public static string Serialize(OrgFixture fixture) => JsonSerializer.Serialize(fixture, Options);

    /// <summary>A deep copy, so the live state never shares objects with the fixture it started from.</summary>
    public static OrgFixture Clone(OrgFixture fixture) => Parse(Serialize(fixture));

    public static OrgFixture LoadDefault()
    {
        using var stream = typeof(OrgFixtureSerializer).Assembly.GetManifestResourceStream("Zoho.Crm.Sandbox.default-org.json")
            ?? throw new InvalidOperationException("The default org fixture is not embedded in the sandbox assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
