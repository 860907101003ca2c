using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Triggers;

namespace Offboarding.Functions.Hosting.Http;

/// <summary>Runs an HTTP function the same way for both drivers: an exception becomes a 500 problem, logged with its trace id.</summary>
internal static partial class HttpFunctionRunner
{
    public static async Task<HttpFunctionResponse> RunAsync(
        IHttpFunction function, HttpFunctionRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            return await function.RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var traceId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
            LogFailed(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpFunctionRunner)), ex, function.Name, traceId);
            return HostingProblems.FunctionFailed(traceId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTP function {Function} failed (trace id {TraceId}).")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, string traceId);
}
