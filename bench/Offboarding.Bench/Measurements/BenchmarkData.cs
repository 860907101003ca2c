using Offboarding.Bench.Harness.Load;
using Offboarding.Bench.Harness.Stack;
using Offboarding.Bench.Probes;
using Zoho.Crm.Sandbox.Control;

namespace Offboarding.Bench.Measurements;

/// <summary>Everything one benchmark run observed, raw; <see cref="BenchmarkFigures"/> turns it into the reported figures.</summary>
public sealed record BenchmarkData
{
    public required BenchOptions Options { get; init; }

    public required MachineInfo Machine { get; init; }

    public required string AppSettings { get; init; }

    /// <summary>The poll cycle and the storage references; measured in the first run only (null in later ones).</summary>
    public required ReferenceProbes? References { get; init; }

    /// <summary>Users in the sandbox org: leavers, their managers and the default org's own.</summary>
    public required int OrgUsers { get; init; }

    /// <summary>Offboardings per second the paced phase was sent at.</summary>
    public required double PacedRate { get; init; }

    /// <summary>Cores in use on average from the burst's start until its last offboarding finished.</summary>
    public required (double Machine, double App, double Bench, double Others) BurstCores { get; init; }

    public required Rate Intake { get; init; }

    /// <summary>The requests queue's length four times a second, with how long each answer took (stalls).</summary>
    public required IReadOnlyList<DepthSample> QueueDepth { get; init; }

    public required DateTimeOffset BurstStart { get; init; }

    public required IReadOnlyList<Submission> Burst { get; init; }

    public required IReadOnlyList<Submission> Paced { get; init; }

    public required IReadOnlyList<CollectedEvent> Events { get; init; }

    public required IReadOnlyList<CallLogEntry> Calls { get; init; }

    public required IReadOnlyList<JobSnapshot> Jobs { get; init; }

    /// <summary>When the app's process was launched, and when it first answered <c>GET /</c>.</summary>
    public required DateTimeOffset AppLaunchedAt { get; init; }

    public required DateTimeOffset AppReadyAt { get; init; }

    public required long AppPeakMemoryBytes { get; init; }

    public required int SandboxPeakConcurrency { get; init; }

    public required TimeSpan Elapsed { get; init; }
}
