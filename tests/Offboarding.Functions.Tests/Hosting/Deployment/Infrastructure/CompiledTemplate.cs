using System.Text.Json.Nodes;
using TestSupport;

namespace Offboarding.Functions.Tests.Hosting.Deployment.Infrastructure;

/// <summary>
/// infra/main.bicep as ARM deploys it: the JSON <c>bicep build --stdout</c> writes, compiled once per test run, with the
/// parameter values of infra/main.parameters.json (azd's <c>${VAR}</c> placeholders stand for themselves) over the
/// template's defaults.
/// </summary>
internal sealed class CompiledTemplate
{
    private static readonly Lazy<CompiledTemplate> Main = new(() => new CompiledTemplate(Build()));

    public static CompiledTemplate Instance => Main.Value;

    public static string ParametersPath => Path.Combine(RepositoryRoot.Path, "infra", "main.parameters.json");

    private CompiledTemplate(JsonObject json) => Json = json;

    public JsonObject Json { get; }

    public JsonObject Parameters => Json["parameters"]!.AsObject();

    /// <summary>The parameters file's values.</summary>
    public static JsonObject ParametersFile() => JsonNode.Parse(File.ReadAllText(ParametersPath))!["parameters"]!.AsObject();

    /// <summary>Values for every parameter: the given ones, else the parameters file's, else the template's default.</summary>
    public ArmExpression Expressions(IReadOnlyDictionary<string, JsonNode?>? values = null)
    {
        var file = ParametersFile();
        var resolved = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
        var defaults = new ArmExpression(Json, resolved);
        foreach (var (name, declaration) in Parameters)
        {
            if (values is not null && values.TryGetValue(name, out var given))
            {
                resolved[name] = given?.DeepClone();
            }
            else if (file.TryGetPropertyValue(name, out var fromFile))
            {
                resolved[name] = fromFile!["value"]?.DeepClone();
            }
            else if (declaration!.AsObject().TryGetPropertyValue("defaultValue", out var fallback))
            {
                resolved[name] = defaults.Evaluate(fallback);
            }
            else
            {
                resolved[name] = JsonValue.Create($"<{name} given at deployment>");
            }
        }

        return new ArmExpression(Json, resolved);
    }

    public IEnumerable<JsonObject> Resources(string type) =>
        Json["resources"]!.AsArray().Select(r => r!.AsObject()).Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    public JsonObject Single(string type) => Assert.Single(Resources(type));

    /// <summary>A resource's instances as deployed: a copy loop's one per item, each with its evaluated properties.</summary>
    public IReadOnlyList<(JsonObject Resource, ArmExpression Expressions)> Instances(string type, ArmExpression? expressions = null)
    {
        expressions ??= Expressions();
        var instances = new List<(JsonObject, ArmExpression)>();
        foreach (var resource in Resources(type))
        {
            if (resource["copy"] is JsonObject copy)
            {
                var count = copy["count"] is { } c ? (int)expressions.EvaluateInt(c) : expressions.Evaluate(copy["input"])!.AsArray().Count;
                for (var i = 0; i < count; i++)
                {
                    instances.Add((resource, expressions.ForCopy(i)));
                }
            }
            else
            {
                instances.Add((resource, expressions));
            }
        }

        return instances;
    }

    /// <summary>The function app's app settings, name → evaluated value.</summary>
    public IReadOnlyDictionary<string, string?> AppSettings(ArmExpression? expressions = null)
    {
        expressions ??= Expressions();
        var settings = Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray();
        return settings.ToDictionary(s => (string)s!["name"]!, s => expressions.EvaluateText(s!["value"]), StringComparer.Ordinal);
    }

    /// <summary>The raw (unevaluated) app settings, name → the template's expression.</summary>
    public IReadOnlyDictionary<string, string?> AppSettingExpressions()
    {
        var settings = Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray();
        return settings.ToDictionary(s => (string)s!["name"]!, s => s!["value"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : s!["value"]?.ToJsonString(), StringComparer.Ordinal);
    }

    private static JsonObject Build()
    {
        var (exit, output, errors) = BicepCli.Run("build", BicepCli.MainBicep, "--stdout");
        Assert.True(exit == 0, $"bicep build failed ({exit}):\n{errors}");
        return JsonNode.Parse(output)!.AsObject();
    }
}
