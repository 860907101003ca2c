using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;
using Microsoft.Extensions.Options;
using Offboarding.Subscriber.Configuration;

namespace Offboarding.Subscriber.Schemas;

/// <summary>
/// The schemas events name as their <c>dataschema</c>, fetched over HTTP once each (with the schemas they <c>$ref</c>) and
/// kept for the process's life. Only URLs under the offboarding app's base are fetched: an event cannot send us elsewhere.
/// </summary>
public sealed class DataSchemas(IHttpClientFactory http, IOptions<SubscriberOptions> options)
{
    private static readonly EvaluationOptions ListAll = new() { OutputFormat = OutputFormat.List };

    private readonly string _trusted = options.Value.AppBaseUri!.AbsoluteUri.TrimEnd('/') + "/";
    private readonly ConcurrentDictionary<Uri, Lazy<Task<JsonSchema>>> _schemas = new();

    /// <summary>The problems of <paramref name="data"/> against the schema at <paramref name="dataSchema"/>; empty when valid.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(Uri dataSchema, JsonElement data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSchema);
        if (!dataSchema.IsAbsoluteUri || !dataSchema.AbsoluteUri.StartsWith(_trusted, StringComparison.Ordinal))
        {
            throw new InvalidEventException($"Its dataschema {dataSchema} is not served by the offboarding app ({_trusted}).");
        }

        var schema = await GetAsync(dataSchema, cancellationToken).ConfigureAwait(false);
        var result = schema.Evaluate(data, ListAll);
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Distinct()];
    }

    private async Task<JsonSchema> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        var lazy = _schemas.GetOrAdd(uri, u => new Lazy<Task<JsonSchema>>(() => LoadAsync(u, CancellationToken.None)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            // Not cached: the next delivery (the trigger's retry) fetches again.
            _schemas.TryRemove(new KeyValuePair<Uri, Lazy<Task<JsonSchema>>>(uri, lazy));
            throw;
        }
    }

    // The document and every document it refers to, built leaves first into a registry of their own, so a $ref resolves
    // to what the app serves and nothing is fetched while validating.
    private async Task<JsonSchema> LoadAsync(Uri uri, CancellationToken cancellationToken)
    {
        var documents = new List<(Uri Id, JsonElement Root)>();
        var pending = new Queue<Uri>([uri]);
        var seen = new HashSet<Uri> { uri };
        while (pending.TryDequeue(out var next))
        {
            using var response = await http.CreateClient(nameof(DataSchemas)).GetAsync(next, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).RootElement;
            var id = root.TryGetProperty("$id", out var declared) && Uri.TryCreate(declared.GetString(), UriKind.Absolute, out var absolute) ? absolute : next;
            documents.Add((id, root));
            foreach (var reference in References(root).Select(r => new Uri(id, r)).Select(r => new Uri(r.GetLeftPart(UriPartial.Query))))
            {
                if (reference.AbsoluteUri.StartsWith(_trusted, StringComparison.Ordinal) && seen.Add(reference))
                {
                    pending.Enqueue(reference);
                }
            }
        }

        var registry = new SchemaRegistry();
        JsonSchema? built = null;
        foreach (var (id, root) in Enumerable.Reverse(documents))
        {
            built = JsonSchema.Build(root, new BuildOptions { SchemaRegistry = registry }, id);
        }

        return built!;
    }

    private static IEnumerable<string> References(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name == "$ref" && p.Value.ValueKind == JsonValueKind.String && !p.Value.GetString()!.StartsWith('#') ? [p.Value.GetString()!] : References(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(References),
        _ => [],
    };
}
