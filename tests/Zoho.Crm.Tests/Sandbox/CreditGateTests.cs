using System.Collections.Concurrent;
using TestSupport;
using Zoho.Crm.Tests.Support;
using Users = Zoho.Crm.Sandbox.Fixtures.DefaultOrg.Users;

namespace Zoho.Crm.Tests.Sandbox;

/// <summary>Issue 26: the org's credits running out is surfaced at once (never retried into more refusals), and a call the
/// app's credit gate holds back is never sent.</summary>
public sealed class CreditGateTests(SandboxFixture sandbox) : SandboxTest(sandbox)
{
    private sealed class RecordingGate(ZohoCreditPermit answer) : IZohoCreditGate
    {
        public ConcurrentQueue<(ZohoOperation Operation, ZohoCallCost Cost)> Costs { get; } = new();

        public ValueTask<ZohoCreditPermit> BeforeCallAsync(ZohoOperation operation, CancellationToken cancellationToken) => new(answer);

        public ValueTask AfterCallAsync(ZohoOperation operation, ZohoCreditPermit permit, ZohoCallCost cost, CancellationToken cancellationToken)
        {
            Costs.Enqueue((operation, cost));
            return default;
        }
    }

    /// <summary>Holds every call once told of a refusal for exhausted credits; it takes a while to be told, as a gate that
    /// writes the refusal to storage does.</summary>
    private sealed class SlowToHoldGate : IZohoCreditGate
    {
        private volatile bool _holding;

        public ValueTask<ZohoCreditPermit> BeforeCallAsync(ZohoOperation operation, CancellationToken cancellationToken) =>
            new(_holding ? ZohoCreditPermit.WaitUntil(DateTimeOffset.UtcNow.AddMinutes(1)) : ZohoCreditPermit.Go);

        public async ValueTask AfterCallAsync(ZohoOperation operation, ZohoCreditPermit permit, ZohoCallCost cost, CancellationToken cancellationToken)
        {
            if (cost == ZohoCallCost.CreditsExhausted)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
                _holding = true;
            }
        }
    }

    private ZohoCrmClient Client(IZohoCreditGate gate, int maxConcurrency = 0)
    {
        var options = SandboxClients.Options(Sandbox);
        options.MaxRetries = 3;
        if (maxConcurrency > 0)
        {
            options.MaxConcurrency = maxConcurrency;
        }

        return new ZohoCrmClient(options, ZohoFlurlClients.Own, null, null, TimeProvider.System, gate);
    }

    [Fact]
    public async Task Exhausted_credits_fail_the_call_after_one_refusal_and_the_gate_hears_of_it()
    {
        await Control.UpdateSettingsAsync(s => s with { DailyCredits = 1, TokenLifetimeSeconds = 200_000 });
        var gate = new RecordingGate(ZohoCreditPermit.Go);
        using var client = Client(gate);

        Assert.NotNull(await client.GetUserAsync(Users.LeaverId));
        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => client.GetUserAsync(Users.LeaverId));

        Assert.True(error.IsCreditsExhausted);
        Assert.Equal(ZohoErrorCodes.TooManyRequests, error.Code);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(1, await CallsAsync("users.get", 429));
        Assert.Equal([ZohoCallCost.Answered, ZohoCallCost.CreditsExhausted], gate.Costs.Select(c => c.Cost));
    }

    [Fact]
    public async Task A_call_waiting_for_the_slot_of_a_refused_call_is_held_once_the_gate_has_heard_of_the_refusal()
    {
        await Control.UpdateSettingsAsync(s => s with { DailyCredits = 1, TokenLifetimeSeconds = 200_000 });
        using var client = Client(new SlowToHoldGate(), maxConcurrency: 1);
        Assert.NotNull(await client.GetUserAsync(Users.LeaverId));

        var refused = client.GetUserAsync(Users.LeaverId);
        var waiting = client.GetUserAsync(Users.LeaverId);

        Assert.True((await Assert.ThrowsAsync<ZohoCrmException>(() => refused)).IsCreditsExhausted);
        Assert.Equal(ZohoErrorCodes.ClientCreditsExhausted, (await Assert.ThrowsAsync<ZohoCrmException>(() => waiting)).Code);
        Assert.Equal(1, await CallsAsync("users.get", 429));
    }

    [Fact]
    public async Task A_concurrency_429_is_not_taken_for_exhausted_credits()
    {
        await Control.UpdateSettingsAsync(s => s with { ScriptedFaults = [Zoho.Crm.Sandbox.Control.FaultKind.TooManyRequests] });
        var gate = new RecordingGate(ZohoCreditPermit.Go);
        using var client = Client(gate);

        Assert.NotNull(await client.GetUserAsync(Users.LeaverId));

        Assert.Equal(1, await CallsAsync("users.get", 429));
        Assert.Equal([ZohoCallCost.Answered, ZohoCallCost.Answered], gate.Costs.Select(c => c.Cost));
    }

    [Fact]
    public async Task A_call_the_gate_holds_back_is_not_sent_and_says_when_to_try_again()
    {
        var gate = new RecordingGate(ZohoCreditPermit.WaitUntil(DateTimeOffset.UtcNow.AddSeconds(30)));
        using var client = Client(gate);

        var error = await Assert.ThrowsAsync<ZohoCrmException>(() => client.GetUserAsync(Users.LeaverId));

        Assert.Equal(ZohoErrorCodes.ClientCreditsExhausted, error.Code);
        Assert.Equal(ZohoErrorClassification.Transient, error.Classification);
        Assert.True(error.IsCreditsExhausted);
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
        Assert.Equal(0, error.Attempts);
        Assert.Equal(0, await CallsAsync("users.get"));
        Assert.Empty(gate.Costs);
    }
}
