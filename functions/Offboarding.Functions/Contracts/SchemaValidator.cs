using System.Text.Json;
using Json.Schema;
using Offboarding.Functions.Http;

namespace Offboarding.Functions.Contracts;

/// <summary>
/// One published JSON Schema, compiled once, and the problems an instance has against it in words a person understands,
/// each at its JSON Pointer. Keep the instance: compiling is the expensive part.
/// </summary>
public sealed class SchemaValidator
{
    // Flag output answers "valid?" without collecting anything: the cheap path every good request takes.
    private static readonly EvaluationOptions Flag = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Hierarchical = new() { OutputFormat = OutputFormat.Hierarchical };

    private readonly JsonSchema _schema;
    private readonly SchemaWording _wording;

    internal SchemaValidator(JsonElement root, SchemaRegistry registry, SchemaDocuments documents)
    {
        Id = new Uri(root.GetProperty("$id").GetString()!);
        _schema = JsonSchema.Build(root, new BuildOptions { SchemaRegistry = registry });
        _wording = new SchemaWording(documents, Id);
    }

    /// <summary>The schema's <c>$id</c>.</summary>
    public Uri Id { get; }

    public bool IsValid(JsonElement instance) => _schema.Evaluate(instance, Flag).IsValid;

    /// <summary>Every problem of <paramref name="instance"/>; empty when it is valid.</summary>
    public IReadOnlyList<ValidationProblem> Problems(JsonElement instance)
    {
        if (IsValid(instance))
        {
            return [];
        }

        var problems = new List<ValidationProblem>();
        _wording.Describe(_schema.Evaluate(instance, Hierarchical), instance, problems);
        return [.. problems.Distinct()];
    }
}
