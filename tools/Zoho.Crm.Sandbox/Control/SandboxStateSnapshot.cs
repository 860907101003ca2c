using Zoho.Crm.Sandbox.Fixtures;

namespace Zoho.Crm.Sandbox.Control;

/// <summary>The whole sandbox state: the live org (fixture shape), the jobs, the sandbox clock and credit use.</summary>
public sealed record SandboxStateSnapshot(
    OrgFixture Org,
    IReadOnlyList<JobSnapshot> Jobs,
    DateTimeOffset Now,
    long CreditsUsed,
    long CreditsLimit,
    int ActiveAccessTokens)
{
    public FixtureUser User(string id) => Org.FindUser(id) ?? throw new KeyNotFoundException($"No user {id} in the sandbox state.");
}
