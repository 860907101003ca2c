using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Offboarding.Subscriber.Configuration;

namespace Offboarding.Subscriber.Chat;

/// <summary>
/// Posts a message to a chat's incoming webhook as <c>{"text": …}</c>, the body both Slack and Teams incoming webhooks
/// take. Any answer but 2xx throws, so the trigger retries the delivery; the URL never appears in an exception.
/// </summary>
public sealed class ChatWebhook(IHttpClientFactory http, IOptions<SubscriberOptions> options)
{
    private readonly Uri _uri = options.Value.ChatWebhookUri!;

    public async Task PostAsync(string text, CancellationToken cancellationToken)
    {
        using var response = await http.CreateClient(nameof(ChatWebhook)).PostAsJsonAsync(_uri, new ChatMessage(text), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The chat webhook answered {(int)response.StatusCode}.", null, response.StatusCode);
        }
    }

    private sealed record ChatMessage(string Text);
}
