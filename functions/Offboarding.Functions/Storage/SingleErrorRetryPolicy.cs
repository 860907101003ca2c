using System.Runtime.ExceptionServices;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Offboarding.Functions.Storage;

/// <summary>
/// The SDK's retry, except that when every attempt failed without an answer (storage unreachable) the caller gets the
/// last attempt's <see cref="RequestFailedException"/> instead of an <see cref="AggregateException"/> of all of them,
/// so "storage is down" is caught as one type everywhere (intake answers 503, the token cache falls back, ...). When the
/// caller cancelled during an attempt after earlier ones failed, it gets the cancellation, as it would have with no
/// failure before: the aggregate escaped the start-up's "out of patience" handling and stopped the app (seen in CI).
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
