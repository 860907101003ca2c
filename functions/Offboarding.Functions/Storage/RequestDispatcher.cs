using System.Text.Json;
using Azure.Storage.Queues;
using Offboarding.Functions.Domain;

namespace Offboarding.Functions.Storage;

/// <summary>
/// Sends work to the transfer function. A future start becomes the message's initial invisibility; the
/// queue caps that at 7 days, so a later start is re-deferred by the transfer function when it surfaces early.
/// </summary>
public sealed class RequestDispatcher(PipelineStorage storage, Sealer sealer)
{
    private readonly QueueClient _queue = storage.Requests;

    /// <summary>The queue service's maximum visibility timeout, with a margin for clock skew.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    // Zero waits and no wake are left out: a first message reads as it always has.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault };

    /// <summary>Queues <paramref name="record"/> again (a sweep, an approval, a retry), due at its effective time, in its trace.</summary>
    public async Task SendAsync(OffboardingRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await SendAsync(new RequestMessage(record.Id, record.EffectiveAt, TraceParent: record.TraceParent), record.EffectiveAt - now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The intake's message for a new offboarding: due at its effective time, carrying the record it is about to store.</summary>
    public async Task<QueuedMessage> SendNewAsync(OffboardingRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var origin = sealer.Seal(RecordSerializer.Serialize(record), OriginContext(record.Id));
        return await SendCoreAsync(new RequestMessage(record.Id, record.EffectiveAt, Origin: origin, TraceParent: record.TraceParent), record.EffectiveAt - now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="message"/> visible after <paramref name="delay"/> (a wait for a Zoho job slot, or a wake-up).</summary>
    public async Task SendAsync(RequestMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        _ = await SendCoreAsync(message, delay, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether <paramref name="message"/> is still in the queue untaken: then it stays there, visible after
    /// <paramref name="delay"/>, and the answer holds its new pop receipt. Null when it was taken (its pop receipt changed)
    /// or is gone: docs/adr/010-first-delivery-check.md.</summary>
    public async Task<QueuedMessage?> TryKeepUntakenAsync(QueuedMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            var kept = await _queue.UpdateMessageAsync(message.Id, message.PopReceipt, (string?)null, Visibility(delay) ?? TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            return message with { PopReceipt = kept.Value.PopReceipt };
        }
        catch (Azure.RequestFailedException ex) when (ex.Status is 400 or 404)
        {
            return null;
        }
    }

    /// <summary>
    /// The visibility for <paramref name="delay"/> in whole seconds, rounded up: the SDK drops fractions, so a 0.4 s wait
    /// came straight back and waiting transfers spun. See docs/adr/003-job-slot-admission.md.
    /// </summary>
    public static TimeSpan? Visibility(TimeSpan delay) =>
        delay <= TimeSpan.Zero ? null : delay >= MaxDelay ? MaxDelay : TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));

    /// <summary>
    /// The record the intake sent with <paramref name="message"/>; null when it carries none, or one that does not open
    /// here (sealed for another offboarding, or under a client secret rotated since).
    /// </summary>
    public OffboardingRecord? OpenOrigin(RequestMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (sealer.TryOpen(message.Origin, OriginContext(message.Id)) is not { } json)
        {
            return null;
        }

        var record = RecordSerializer.Deserialize(json);
        return record.Id == message.Id ? record : null;
    }

    /// <summary>Reads a message body; null when it is not one of ours (it is then logged and dropped, not retried).</summary>
    public static RequestMessage? Parse(string text)
    {
        try
        {
            var message = JsonSerializer.Deserialize<RequestMessage>(text, Json);
            return message is not null && OffboardingId.IsWellFormed(message.Id) ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<QueuedMessage> SendCoreAsync(RequestMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        // TTL -1: a message waiting out a long delay must not expire on the way.
        var sent = await _queue.SendMessageAsync(JsonSerializer.Serialize(message, Json), Visibility(delay), TimeSpan.FromSeconds(-1), cancellationToken).ConfigureAwait(false);
        return new QueuedMessage(sent.Value.MessageId, sent.Value.PopReceipt);
    }

    private static string OriginContext(string id) => "offboarding-request:" + id;
}
