using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Offboarding.Functions.Http;

/// <summary>
/// Runs a handler for an HTTP [Function] the same way under both hosts: the body read as the sender's bytes (413 past
/// <see cref="MaxBodyBytes"/>), and an exception answered as a 500 whose trace id finds the logged error.
/// </summary>
public static partial class HttpHandlerRunner
{
    /// <summary>The most a request body may be before any handler sees it; handlers apply their own, smaller limits.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static Task<IActionResult> RunAsync(IHttpHandler handler, HttpRequest request, ILogger logger, CancellationToken cancellationToken) =>
        RunAsync(handler, request, logger, MaxBodyBytes, cancellationToken);

    /// <summary>As above, with a body limit of the route's own (an upload that is a list of thousands of people).</summary>
    public static async Task<IActionResult> RunAsync(IHttpHandler handler, HttpRequest request, ILogger logger, int maxBodyBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            if (await ReadBodyAsync(request, maxBodyBytes, cancellationToken).ConfigureAwait(false) is not { } body)
            {
                return TooLarge(maxBodyBytes);
            }

            return await handler.HandleAsync(request, body, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(maxBodyBytes);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Say that it failed without saying what it threw.
            var traceId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
            LogFailed(logger, ex, handler.GetType().Name, traceId);
            return HttpAnswer.Problem(500, "function-failed", "Internal Server Error", $"The request could not be completed. Trace id: {traceId}.");
        }
    }

    /// <summary>The body's bytes, or null past the limit (chunked bodies carry no Content-Length, so it is checked while reading too).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static HttpAnswer TooLarge(int maxBodyBytes) =>
        HttpAnswer.Problem(413, "payload-too-large", "Payload Too Large", $"The request body exceeds the {maxBodyBytes} bytes this service accepts.");

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTP handler {Handler} failed (trace id {TraceId}).")]
    private static partial void LogFailed(ILogger logger, Exception exception, string handler, string traceId);
}
