namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>An end-to-end test class whose tests each start from the sandbox's default org and an empty call log.</summary>
public abstract class SandboxResetTest : IAsyncLifetime
{
    protected SandboxResetTest(PipelineFixture fixture) => Fixture = fixture ?? throw new ArgumentNullException(nameof(fixture));

    protected PipelineFixture Fixture { get; }

    public async Task InitializeAsync()
    {
        await Fixture.Sandbox.Control.ResetAsync();
        await Fixture.Sandbox.Control.ClearCallLogAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
