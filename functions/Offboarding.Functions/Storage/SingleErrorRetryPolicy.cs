using System.Runtime.ExceptionServices;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Offboarding.Functions.Storage;

/// <summary>
/// The SDK's retry, but failed attempts end as the last <see cref="RequestFailedException"/> (or the caller's
/// cancellation), not an <see cref="AggregateException"/>, so "storage is down" is one type to catch everywhere.
/// </summary>
internal sealed class SingleErrorRetryPolicy(RetryOptions options)
    : RetryPolicy(options.MaxRetries, options.Mode == RetryMode.Fixed
        ? DelayStrategy.CreateFixedDelayStrategy(options.Delay)
        : DelayStrategy.CreateExponentialDelayStrategy(options.Delay, options.MaxDelay))
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await base.ProcessAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (AggregateException ex) when (Last(ex) is { } last)
        {
            ExceptionDispatchInfo.Throw(last);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            base.Process(message, pipeline);
        }
        catch (AggregateException ex) when (Last(ex) is { } last)
        {
            ExceptionDispatchInfo.Throw(last);
        }
    }

    // The one exception the caller gets in place of the aggregate: the last attempt's failure, or the caller's cancellation.
    private static Exception? Last(AggregateException aggregate) =>
        aggregate.InnerExceptions.LastOrDefault() switch
        {
            (RequestFailedException or OperationCanceledException) and var last => last,
            _ => null,
        };
}
