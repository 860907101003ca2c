using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Offboarding.Storage.Pipeline;

/// <summary>
/// Shared Key authorization for the queue (and blob) service, computed per attempt from the request as it
/// will be sent: every x-ms-* header and every query parameter is part of the signature.
/// </summary>
internal sealed class SharedKeyPolicy : HttpPipelineSynchronousPolicy
{
    private readonly StorageSharedKeyCredential _credential;

    public SharedKeyPolicy(StorageSharedKeyCredential credential) => _credential = credential;

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var stringToSign = BuildStringToSign(request, _credential.AccountName);
        request.Headers.SetValue("Authorization", $"SharedKey {_credential.AccountName}:{_credential.Sign(stringToSign)}");
    }

    internal static string BuildStringToSign(Request request, string accountName)
    {
        string Header(string name) => request.Headers.TryGetValue(name, out var value) ? value : string.Empty;

        var contentLength = request.Content is not null && request.Content.TryComputeLength(out var length) && length > 0
            ? length.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : string.Empty;

        var builder = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(Header("Content-Encoding")).Append('\n')
            .Append(Header("Content-Language")).Append('\n')
            .Append(contentLength).Append('\n')
            .Append(Header("Content-MD5")).Append('\n')
            .Append(Header("Content-Type")).Append('\n')
            .Append('\n') // Date: empty because x-ms-date is always sent.
            .Append(Header("If-Modified-Since")).Append('\n')
            .Append(Header("If-Match")).Append('\n')
            .Append(Header("If-None-Match")).Append('\n')
            .Append(Header("If-Unmodified-Since")).Append('\n')
            .Append(Header("Range")).Append('\n');

        foreach (var header in request.Headers
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), h.Value))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(header.Name).Append(':').Append(header.Value.Trim()).Append('\n');
        }

        var uri = request.Uri.ToUri();
        builder.Append('/').Append(accountName).Append(uri.AbsolutePath);
        foreach (var parameter in QueryParameters(uri.Query)
                     .GroupBy(p => p.Name.ToLowerInvariant(), StringComparer.Ordinal)
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var values = parameter.Select(p => p.Value).OrderBy(v => v, StringComparer.Ordinal);
            builder.Append('\n').Append(parameter.Key).Append(':').Append(string.Join(',', values));
        }

        return builder.ToString();
    }

    private static IEnumerable<(string Name, string Value)> QueryParameters(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            yield return equals < 0
                ? (Uri.UnescapeDataString(pair), string.Empty)
                : (Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..]));
        }
    }
}
