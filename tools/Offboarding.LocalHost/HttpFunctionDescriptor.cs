namespace Offboarding.Functions.Hosting;

/// <summary>What a driver needs to know about an HTTP function without invoking it.</summary>
public sealed record HttpFunctionDescriptor(string Name, string Route, IReadOnlyList<string> Methods);
