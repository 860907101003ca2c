namespace Offboarding.Storage.Queues;

/// <summary>The result of an update: the old pop receipt is void, use <see cref="PopReceipt"/> from now on.</summary>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);
