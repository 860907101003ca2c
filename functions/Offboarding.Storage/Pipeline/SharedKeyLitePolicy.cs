using Azure.Core;
using Azure.Core.Pipeline;

namespace Offboarding.Storage.Pipeline;

/// <summary>
/// Shared Key Lite authorization for the table service (what Azure.Data.Tables uses): the date and the
/// canonical resource, which keeps only the <c>comp</c> query parameter.
/// </summary>
internal sealed class SharedKeyLitePolicy : HttpPipelineSynchronousPolicy
{
    private readonly StorageSharedKeyCredential _credential;

    public SharedKeyLitePolicy(StorageSharedKeyCredential credential) => _credential = credential;

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.TryGetValue("x-ms-date", out var date);
        var uri = request.Uri.ToUri();
        var resource = $"/{_credential.AccountName}{uri.AbsolutePath}";
        var comp = uri.Query.TrimStart('?').Split('&')
            .FirstOrDefault(p => p.StartsWith("comp=", StringComparison.OrdinalIgnoreCase));
        if (comp is not null)
        {
            resource += "?comp=" + Uri.UnescapeDataString(comp["comp=".Length..]);
        }

        var signature = _credential.Sign($"{date}\n{resource}");
        request.Headers.SetValue("Authorization", $"SharedKeyLite {_credential.AccountName}:{signature}");
    }
}
