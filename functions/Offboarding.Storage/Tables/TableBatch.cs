using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;

namespace Offboarding.Storage.Tables;

/// <summary>
/// The multipart/mixed body of an entity group transaction (one changeset, one part per operation, each an
/// embedded HTTP request with an absolute URL) and the reading of the service's multipart answer.
/// </summary>
internal static partial class TableBatch
{
    public const int MaxOperations = 100;

    /// <summary>The body and its Content-Type header.</summary>
    public static (byte[] Body, string ContentType) Build(Uri tableUri, IReadOnlyList<TableTransactionAction> actions)
    {
        var batch = $"batch_{Guid.NewGuid():D}";
        var changeset = $"changeset_{Guid.NewGuid():D}";
        var text = new StringBuilder();
        void Line(string value = "") => text.Append(value).Append("\r\n");

        Line($"--{batch}");
        Line($"Content-Type: multipart/mixed; boundary={changeset}");
        Line();
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var (method, path, ifMatch, hasBody) = Describe(action);
            Line($"--{changeset}");
            Line("Content-Type: application/http");
            Line("Content-Transfer-Encoding: binary");
            Line();
            Line($"{method} {tableUri.AbsoluteUri}{path} HTTP/1.1");
            Line($"Content-ID: {i}");
            Line("Accept: application/json;odata=minimalmetadata");
            Line("DataServiceVersion: 3.0");
            if (ifMatch is not null)
            {
                Line($"If-Match: {ifMatch}");
            }

            if (hasBody)
            {
                Line("Prefer: return-no-content");
                Line("Content-Type: application/json");
                Line();
                Line(Encoding.UTF8.GetString(TableEntityJson.Serialize(action.Entity)));
            }
            else
            {
                Line();
            }
        }

        Line($"--{changeset}--");
        Line($"--{batch}--");
        return (Encoding.UTF8.GetBytes(text.ToString()), $"multipart/mixed; boundary={batch}");
    }

    /// <summary>Per-operation results in order: status, ETag header, body of the failing one.</summary>
    public static IReadOnlyList<(int Status, ETag ETag, string Body)> Parse(Response response)
    {
        var text = response.Content.ToString();
        var results = new List<(int, ETag, string)>();
        foreach (Match match in StatusLine().Matches(text))
        {
            var start = match.Index + match.Length;
            var next = text.IndexOf("\n--", start, StringComparison.Ordinal);
            var part = next < 0 ? text[start..] : text[start..next];
            var split = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var headers = split < 0 ? part : part[..split];
            var body = split < 0 ? string.Empty : part[(split + 4)..].Trim();
            var etag = EtagHeader().Match(headers);
            results.Add((
                int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                etag.Success ? new ETag(etag.Groups[1].Value.Trim()) : default,
                body));
        }

        return results;
    }

    private static (string Method, string Path, string? IfMatch, bool HasBody) Describe(TableTransactionAction action)
    {
        var entity = action.Entity;
        var path = TableKeys.EntityPath(entity.PartitionKey, entity.RowKey);
        var condition = action.ETag == default ? "*" : action.ETag.ToString();
        return action.ActionType switch
        {
            TableTransactionActionType.Add => ("POST", string.Empty, null, true),
            TableTransactionActionType.UpdateMerge => ("MERGE", path, condition, true),
            TableTransactionActionType.UpdateReplace => ("PUT", path, condition, true),
            TableTransactionActionType.UpsertMerge => ("MERGE", path, null, true),
            TableTransactionActionType.UpsertReplace => ("PUT", path, null, true),
            TableTransactionActionType.Delete => ("DELETE", path, condition, false),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.ActionType, "Unknown transaction action type."),
        };
    }

    [GeneratedRegex(@"HTTP/1\.1 (\d{3})[^\r\n]*\r?\n", RegexOptions.CultureInvariant)]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"(?im)^ETag:\s*(.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex EtagHeader();
}
