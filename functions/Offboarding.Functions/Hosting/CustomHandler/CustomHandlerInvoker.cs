using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Hosting.Http;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Hosting.CustomHandler;

/// <summary>
/// Serves one <c>POST /{FunctionName}</c> from the Functions host: reads the trigger out of the payload, runs the
/// same function the standalone drivers run, and answers with <c>Outputs</c> and the invocation's <c>Logs</c>.
/// HTTP results always go back as 200 with the function's status inside <c>Outputs.res</c>; a failed queue or
/// timer invocation goes back as 500, which the host treats as a failure (queue: retry, then poison).
/// </summary>
internal sealed partial class CustomHandlerInvoker(FunctionCatalog catalog, ILogger<CustomHandlerInvoker> logger)
{
    private static readonly Dictionary<string, object> NoOutputs = [];

    public async Task InvokeAsync(HttpContext context, string functionName)
    {
        var cancellationToken = context.RequestAborted;
        using var capture = InvocationLogCapture.Begin();
        var status = StatusCodes.Status200OK;
        IReadOnlyDictionary<string, object> outputs = NoOutputs;

        var kind = catalog.KindOf(functionName);
        if (kind is null)
        {
            LogUnknownFunction(logger, functionName);
            await WriteAsync(context, StatusCodes.Status404NotFound, outputs, capture).ConfigureAwait(false);
            return;
        }

        try
        {
            using var payload = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            var root = payload.RootElement;
            var data = PayloadJson.Property(root, "Data") ?? throw new InvocationPayloadException("The invocation payload has no Data.");
            var metadata = PayloadJson.Property(root, "Metadata") ?? default;
            switch (kind)
            {
                case FunctionTriggerKind.Http:
                    var response = await RunHttpAsync(context, functionName, data, cancellationToken).ConfigureAwait(false);
                    outputs = new Dictionary<string, object> { [FunctionBindingNames.HttpResponse] = HttpOutputBinding.From(response) };
                    break;
                case FunctionTriggerKind.Queue:
                    var message = QueueInvocationPayload.ToMessage(TriggerData(data, FunctionBindingNames.QueueMessage), metadata);
                    var queueFunction = FunctionCatalog.Resolve<IQueueFunction>(context.RequestServices, functionName, f => f.Name);
                    await queueFunction.RunAsync(message, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    var timer = TimerInvocationPayload.ToInfo(TriggerData(data, FunctionBindingNames.Timer));
                    var timerFunction = FunctionCatalog.Resolve<ITimerFunction>(context.RequestServices, functionName, f => f.Name);
                    await timerFunction.RunAsync(timer, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvocationPayloadException)
        {
            LogBadPayload(logger, functionName, ex.Message);
            status = StatusCodes.Status400BadRequest;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Non-2xx is how the host learns a queue or timer invocation failed; it then retries or poisons the message.
            LogFunctionFailed(logger, ex, functionName);
            status = StatusCodes.Status500InternalServerError;
        }

        await WriteAsync(context, status, outputs, capture).ConfigureAwait(false);
    }

    private static async Task<HttpFunctionResponse> RunHttpAsync(
        HttpContext context, string functionName, JsonElement data, CancellationToken cancellationToken)
    {
        var request = HttpInvocationPayload.ToRequest(TriggerData(data, FunctionBindingNames.HttpRequest));
        if (request.Body.Length > RequestBodyLimit.Bytes)
        {
            return HostingProblems.PayloadTooLarge(RequestBodyLimit.Bytes);
        }

        var function = FunctionCatalog.Resolve<IHttpFunction>(context.RequestServices, functionName, f => f.Name);
        return await HttpFunctionRunner.RunAsync(function, request, context.RequestServices, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The trigger's entry in <c>Data</c>: by its binding name, or the only entry when a function.json named it differently.</summary>
    private static JsonElement TriggerData(JsonElement data, string bindingName)
    {
        if (PayloadJson.Property(data, bindingName) is { } named)
        {
            return named;
        }

        var entries = data.ValueKind == JsonValueKind.Object ? data.EnumerateObject().ToArray() : [];
        return entries.Length == 1
            ? entries[0].Value
            : throw new InvocationPayloadException($"The invocation payload's Data has no '{bindingName}' entry.");
    }

    private static async Task WriteAsync(HttpContext context, int status, IReadOnlyDictionary<string, object> outputs, InvocationLogCapture capture)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new InvocationResult(outputs, capture.Lines, null), context.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The host invoked {Function}, which is not a registered function.")]
    private static partial void LogUnknownFunction(ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invocation payload for {Function} is malformed: {Problem}")]
    private static partial void LogBadPayload(ILogger logger, string function, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function} failed.")]
    private static partial void LogFunctionFailed(ILogger logger, Exception exception, string function);
}
