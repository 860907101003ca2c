using Offboarding.Bench.Probes;

namespace Offboarding.Bench.Measurements;

/// <summary>
/// The measurements that describe the storage and the pipeline rather than one run's load, taken in the first run
/// only: the poll cycle over a finished history, and the storage references on their own fresh Azurite.
/// </summary>
public sealed record ReferenceProbes(PollCycleResult Poll, Rate RawEnqueue, Rate IntakeStorage, IntakeRoundTrips IntakeRoundTrips);
