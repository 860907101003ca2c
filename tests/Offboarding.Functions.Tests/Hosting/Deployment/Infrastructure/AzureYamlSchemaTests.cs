using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using TestSupport;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Offboarding.Functions.Tests.Hosting.Deployment.Infrastructure;

/// <summary>
/// azure.yaml is valid against the Azure Developer CLI's published JSON Schema, kept in infra/schemas (its source and
/// the day it was fetched are in the README there), so azd reads what the repository means.
/// </summary>
public sealed class AzureYamlSchemaTests
{
    private const string SchemaSource = "https://raw.githubusercontent.com/Azure/azure-dev/main/schemas/v1.0/azure.yaml.json";

    private static readonly string SchemaPath = Path.Combine(RepositoryRoot.Path, "infra", "schemas", "azure.yaml.schema.json");

    [Fact]
    public void The_kept_schema_is_azds_published_one()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath));

        Assert.Equal(SchemaSource, schema.RootElement.GetProperty("$id").GetString());
        Assert.Contains(SchemaSource, File.ReadAllText(Path.Combine(RepositoryRoot.Path, "infra", "schemas", "README.md")), StringComparison.Ordinal);
        Assert.Contains(SchemaSource, File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "azure.yaml"))[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_yaml_is_valid_against_azds_schema()
    {
        var result = Validate(ReadYaml(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "azure.yaml"))));

        Assert.True(result.IsValid, Describe(result));
    }

    [Theory]
    [InlineData("name: Zoho_Offboarding\nservices:\n  functions:\n    project: ./functions/Offboarding.Functions\n    host: function\n")] // the name's pattern
    [InlineData("name: zoho-crm-offboarding\nservices:\n  functions:\n    project: ./functions/Offboarding.Functions\n    language: dotnet\n")] // no host
    [InlineData("name: zoho-crm-offboarding\nservices:\n  functions:\n    host: function\n    remoteBuild: \"yes\"\n")] // a boolean
    public void The_schema_refuses_what_azd_would(string yaml)
    {
        Assert.False(Validate(ReadYaml(yaml)).IsValid);
    }

    private static EvaluationResults Validate(JsonNode? instance)
    {
        var registry = new SchemaRegistry();

        // The schema's $refs outside itself are the azure.ai.* extension hosts' configuration schemas, which this app
        // does not use: they stand in as "anything" so no test needs the network.
        using var document = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        foreach (var external in ExternalRefs(document.RootElement).Distinct(StringComparer.Ordinal))
        {
            registry.Register(new Uri(external), JsonSchema.Build(JsonDocument.Parse("true").RootElement, new BuildOptions { SchemaRegistry = registry }));
        }

        var schema = JsonSchema.Build(document.RootElement, new BuildOptions { SchemaRegistry = registry });
        using var json = JsonDocument.Parse(instance?.ToJsonString() ?? "null");
        return schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static IEnumerable<string> ExternalRefs(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "$ref" && property.Value.GetString() is { } reference && reference.StartsWith("http", StringComparison.Ordinal))
                    {
                        yield return reference;
                    }

                    foreach (var nested in ExternalRefs(property.Value))
                    {
                        yield return nested;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var nested in element.EnumerateArray().SelectMany(ExternalRefs))
                {
                    yield return nested;
                }

                break;
        }
    }

    private static string Describe(EvaluationResults result) =>
        string.Join('\n', (result.Details ?? []).Where(d => !d.IsValid && d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")));

    /// <summary>YAML to JSON the way azd reads it: plain scalars by the YAML core schema (booleans, numbers, null), the rest strings.</summary>
    private static JsonNode? ReadYaml(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(Assert.Single(stream.Documents).RootNode);

        static JsonNode? Convert(YamlNode node) => node switch
        {
            YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
            YamlSequenceNode list => new JsonArray(list.Children.Select(Convert).ToArray()),
            YamlScalarNode { Style: ScalarStyle.Plain } scalar => Plain(scalar.Value ?? ""),
            YamlScalarNode scalar => JsonValue.Create(scalar.Value),
            _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType}."),
        };

        static JsonNode? Plain(string value) => value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            _ => JsonValue.Create(value),
        };
    }
}
