namespace Offboarding.Storage.Queues;

/// <summary>What the service answered to a sent message; the pop receipt allows update/delete before it is received.</summary>
public sealed record SendReceipt(string MessageId, string PopReceipt, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn, DateTimeOffset NextVisibleOn);
