using Offboarding.Functions.Storage;
using Offboarding.Functions.Tests.EndToEnd;

namespace Offboarding.Functions.Tests.Batches;

/// <summary>A test of batches over the shared Azurite and sandbox: it starts with no batch and no offboarding (the plan reads
/// every offboarding, and one an earlier test left pending would make its people in flight), and leaves no batch behind
/// (its people would stay in the index, and the other tests send webhooks for the same people).</summary>
public abstract class BatchTest(PipelineFixture fixture) : SandboxResetTest(fixture), IAsyncLifetime
{
    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        await ClearSharedWorkAsync();
        await ClearTableAsync(StorageNames.BatchTable);
        await ClearTableAsync(StorageNames.OffboardingTable);
    }

    async Task IAsyncLifetime.DisposeAsync() => await ClearTableAsync(StorageNames.BatchTable);
}
