using Azure.Messaging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Offboarding.Subscriber.Handling;
using Offboarding.Subscriber.Schemas;

namespace Offboarding.Subscriber.Delivery;

/// <summary>
/// An Event Grid webhook endpoint for the CloudEvents 1.0 schema: answers the abuse-protection handshake
/// (<c>OPTIONS</c> with <c>WebHook-Request-Origin</c>), and hands each delivered event (one, or a batch) to the handler.
/// </summary>
public sealed partial class EventGridDelivery(CompletionHandler handler, ILogger<EventGridDelivery> logger)
{
    private const int MaxBodyBytes = 1024 * 1024;

    public async Task<IActionResult> DeliverAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HttpMethods.IsOptions(request.Method))
        {
            return Handshake(request);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }

        var body = await BinaryData.FromStreamAsync(request.Body, cancellationToken).ConfigureAwait(false);
        CloudEvent[] events;
        try
        {
            events = body.ToMemory().Span.TrimStart(" \t\r\n"u8) is [(byte)'[', ..] ? CloudEvent.ParseMany(body) : [CloudEvent.Parse(body)!];
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or FormatException or NullReferenceException)
        {
            return Refused(new InvalidEventException($"The body is not CloudEvents JSON: {ex.Message}"));
        }

        try
        {
            foreach (var cloudEvent in events)
            {
                await handler.HandleAsync(cloudEvent, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (InvalidEventException ex)
        {
            return Refused(ex);
        }

        return new OkResult();
    }

    // Event Grid validates a CloudEvents webhook by asking which origins may deliver; this endpoint accepts the one that asks.
    private static IActionResult Handshake(HttpRequest request)
    {
        var origin = request.Headers["WebHook-Request-Origin"].ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return new BadRequestResult();
        }

        request.HttpContext.Response.Headers["WebHook-Allowed-Origin"] = origin;
        request.HttpContext.Response.Headers.Allow = "POST, OPTIONS";
        return new OkResult();
    }

    private RefusedAnswer Refused(InvalidEventException ex)
    {
        LogRefused(logger, ex.Message);
        return new RefusedAnswer(ex.Message);
    }

    /// <summary>A 400 problem that writes itself (no MVC result executors needed, whichever host runs the function).</summary>
    private sealed class RefusedAnswer(string detail) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            var response = context.HttpContext.Response;
            response.StatusCode = StatusCodes.Status400BadRequest;
            return response.WriteAsJsonAsync(new { status = 400, title = "Event refused", detail }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.HttpContext.RequestAborted);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event Grid delivery refused (dead-lettered by Event Grid): {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
