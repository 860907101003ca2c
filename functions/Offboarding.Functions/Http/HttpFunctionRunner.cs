using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Offboarding.Functions.Http;

/// <summary>
/// Runs an HTTP pipeline step for an ASP.NET Core request, the same under the Functions host and the local host: the
/// body is read as the sender's exact bytes (413 past <see cref="RequestBodyLimit"/>), an exception becomes a 500
/// problem whose trace id finds the logged error, and the answer is an <see cref="IActionResult"/> the hosts execute.
/// </summary>
public static partial class HttpFunctionRunner
{
    public static async Task<IActionResult> RunAsync(IHttpHandler step, HttpRequest request, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(request);
        HttpFunctionResponse response;
        try
        {
            var read = await AspNetCoreRequestReader.ReadAsync(request, cancellationToken).ConfigureAwait(false);
            response = await step.RunAsync(read, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestBodyTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            response = HttpResults.Problem(413, "payload-too-large", "Payload Too Large", $"The request body exceeds the {RequestBodyLimit.Bytes} bytes this service accepts.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Say that it failed without saying what it threw.
            var traceId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
            LogFailed(logger, ex, step.GetType().Name, traceId);
            response = HttpResults.Problem(500, "function-failed", "Internal Server Error", $"The request could not be completed. Trace id: {traceId}.");
        }

        return new HttpFunctionResult(response);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTP step {Step} failed (trace id {TraceId}).")]
    private static partial void LogFailed(ILogger logger, Exception exception, string step, string traceId);
}
