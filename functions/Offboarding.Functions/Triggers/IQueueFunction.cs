namespace Offboarding.Functions.Triggers;

/// <summary>
/// A queue-triggered function. Returning completes the message; throwing fails the invocation so the
/// driver retries it and, after the maximum dequeue count, moves it to <c>{QueueName}-poison</c>.
/// </summary>
public interface IQueueFunction
{
    string Name { get; }

    string QueueName { get; }

    Task RunAsync(QueueTriggerMessage message, CancellationToken cancellationToken);
}
