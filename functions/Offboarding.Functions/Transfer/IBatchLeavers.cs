namespace Offboarding.Functions.Transfer;

/// <summary>Whether a person still waits to start in an approved layoff batch: no offboarding of theirs exists yet, so the
/// leaver index cannot say, yet they are leaving. Batches/ implements it; the transfer planner depends only on this.</summary>
public interface IBatchLeavers
{
    /// <summary>Why the person with <paramref name="email"/> counts as leaving by a batch, or null when no approved batch waits to offboard them.</summary>
    Task<string?> WaitingAsync(string? email, CancellationToken cancellationToken);
}

/// <summary>No batches in this composition: nobody waits in one.</summary>
internal sealed class NoBatchLeavers : IBatchLeavers
{
    public Task<string?> WaitingAsync(string? email, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
