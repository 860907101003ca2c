namespace Offboarding.Functions.Tests.EndToEnd;

/// <summary>The end-to-end tests share one Azurite and one sandbox and run sequentially (2-core machine).</summary>
[CollectionDefinition(Name)]
public sealed class PipelineTestGroup : ICollectionFixture<PipelineFixture>
{
    public const string Name = "pipeline end to end";
}
