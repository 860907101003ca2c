namespace Offboarding.Functions.Operators;

/// <summary>The caller of an operator endpoint, by the name that goes into the audit trail and the events.</summary>
public sealed record OperatorIdentity(string Name);
