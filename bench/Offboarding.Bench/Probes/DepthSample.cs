namespace Offboarding.Bench.Probes;

/// <summary>
/// One look at the requests queue: when the request went out, when Azurite answered, and the length it gave
/// (null when the request failed). The answer time is kept because a slow answer is itself a measurement:
/// Azurite not answering at all (see <see cref="Measurements.StorageStalls"/>).
/// </summary>
public readonly record struct DepthSample(DateTimeOffset SentAt, DateTimeOffset AnsweredAt, int? Depth);
