using System.Text.Json;
using TestSupport;

namespace Offboarding.Functions.Tests.Hosting.Deployment;

/// <summary>The function.json files next to the functions' code: folder name = function name, as in the deploy layout.</summary>
internal static class FunctionJsonFiles
{
    public static string ProjectFolder => Path.Combine(RepositoryRoot.Path, "functions", "Offboarding.Functions");

    public static IReadOnlyDictionary<string, JsonElement> InSourceTree() => Read(ProjectFolder, recursive: true);

    /// <summary>The top-level function folders of a deploy layout, where the Functions host looks for them.</summary>
    public static IReadOnlyDictionary<string, JsonElement> InLayout(string layout) => Read(layout, recursive: false);

    public static JsonElement Trigger(JsonElement functionJson) =>
        functionJson.GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    private static Dictionary<string, JsonElement> Read(string root, bool recursive)
    {
        var files = recursive
            ? Directory.EnumerateFiles(root, "function.json", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                         && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            : Directory.EnumerateDirectories(root).Select(d => Path.Combine(d, "function.json")).Where(File.Exists);
        var result = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            var name = Path.GetFileName(Path.GetDirectoryName(file))!;
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            Assert.True(result.TryAdd(name, document.RootElement.Clone()), $"two function.json files for function {name}");
        }

        return result;
    }
}
