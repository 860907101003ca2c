namespace Offboarding.Functions.Hosting;

/// <summary>What a driver needs to know about a timer-triggered function without invoking it.</summary>
public sealed record TimerFunctionDescriptor(string Name, string Schedule);
