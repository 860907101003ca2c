using System.Text.Json;
using Azure.Storage.Queues;

namespace Offboarding.Functions.Persistence;

/// <summary>
/// Sends work to the transfer function. A future start becomes the message's initial invisibility; the
/// queue caps that at 7 days, so a later start is re-deferred by the transfer function when it surfaces early.
/// </summary>
public sealed class RequestDispatcher
{
    /// <summary>The queue service's maximum visibility timeout, with a margin for clock skew.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    // Zero waits and no wake are left out: a first message reads as it always has.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault };

    private readonly QueueClient _queue;

    public RequestDispatcher(QueueClient queue) => _queue = queue ?? throw new ArgumentNullException(nameof(queue));

    public async Task SendAsync(string id, DateTimeOffset notBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var wait = notBefore - now;
        TimeSpan? delay = wait <= TimeSpan.Zero ? null : wait > MaxDelay ? MaxDelay : wait;

        // TTL -1: a message waiting out a long delay must not expire on the way.
        await _queue.SendMessageAsync(JsonSerializer.Serialize(new RequestMessage(id, notBefore), Json), delay, TimeSpan.FromSeconds(-1), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="message"/> visible after <paramref name="delay"/> (a wait for a Zoho job slot, or a wake-up).</summary>
    public async Task SendAsync(RequestMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        TimeSpan? visibility = delay <= TimeSpan.Zero ? null : delay > MaxDelay ? MaxDelay : delay;
        await _queue.SendMessageAsync(JsonSerializer.Serialize(message, Json), visibility, TimeSpan.FromSeconds(-1), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a message body; null when it is not one of ours (it is then logged and dropped, not retried).</summary>
    public static RequestMessage? Parse(string text)
    {
        try
        {
            var message = JsonSerializer.Deserialize<RequestMessage>(text, Json);
            return message is not null && Domain.OffboardingId.IsWellFormed(message.Id) ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
