using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Zoho.Crm;

/// <summary>The one retry policy for every CRM call, built from the options, so transient errors are retried alike
/// and each retry is logged.</summary>
internal static class ZohoRetryPipeline
{
    public static ResiliencePipeline Build(ZohoCrmClientOptions options, ILogger logger, TimeProvider time)
    {
        if (options.MaxRetries == 0)
        {
            return ResiliencePipeline.Empty;
        }

        var maxRetryAfter = options.MaxRetryAfter;
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // A wait longer than we are willing to honour surfaces the error instead of blocking the caller.
                ShouldHandle = new PredicateBuilder().Handle<ZohoCrmException>(e =>
                    e.Classification == ZohoErrorClassification.Transient && !e.StopsRetries && !(e.RetryAfter > maxRetryAfter)),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                DelayGenerator = static args => new ValueTask<TimeSpan?>(
                    args.Outcome.Exception is ZohoCrmException { RetryAfter: TimeSpan wait } ? wait : null),
                OnRetry = args =>
                {
                    var code = args.Outcome.Exception is ZohoCrmException z ? z.Code : "unknown";
                    var operation = args.Outcome.Exception is ZohoCrmException e ? e.Operation : ZohoOperation.Unspecified;
                    ZohoLog.RetryScheduled(logger, operation, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds, code);
                    return default;
                },
            })
            .Build();
    }
}
