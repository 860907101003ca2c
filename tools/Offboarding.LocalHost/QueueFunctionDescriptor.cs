namespace Offboarding.Functions.Hosting;

/// <summary>What a driver needs to know about a queue-triggered function without invoking it.</summary>
public sealed record QueueFunctionDescriptor(string Name, string QueueName);
