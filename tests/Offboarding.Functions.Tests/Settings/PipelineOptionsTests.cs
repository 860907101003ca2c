using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;
using Offboarding.Functions.Events;
using Offboarding.Functions.Intake;
using Offboarding.Functions.Transfer;

namespace Offboarding.Functions.Tests.Settings;

public sealed class PipelineOptionsTests
{
    // A usable webhook secret: without one the pipeline refuses to start (AppCompositionTests).
    private const string WebhookSecret = "whsec_c2FtcGxlLWxvY2FsLXdlYmhvb2stc2VjcmV0LTAwMDE=";

    private static T Options<T>(Dictionary<string, string?> settings)
        where T : class
    {
        AddRequired(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddOffboardingFunctionApp(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<T>>().Value;
    }

    [Fact]
    public void The_last_attempt_follows_host_json_unless_set_explicitly()
    {
        Assert.Equal(5, Options<TransferOptions>([]).MaxDequeueCount);
        Assert.Equal(3, Options<TransferOptions>(new() { [Offboarding.Functions.Transfer.TransferServiceCollectionExtensions.HostMaxDequeueCountKey] = "3" }).MaxDequeueCount);
        Assert.Equal(7, Options<TransferOptions>(new() { [Offboarding.Functions.Transfer.TransferServiceCollectionExtensions.HostMaxDequeueCountKey] = "3", [SettingNames.TransferMaxDequeueCount] = "7" }).MaxDequeueCount);
    }

    [Fact]
    public void Every_setting_name_binds_to_its_options_class()
    {
        var intake = Options<IntakeOptions>(new() { [SettingNames.IntakeMaxBodyBytes] = "1234", [SettingNames.IntakeSignatureTolerance] = "00:01:00" });
        Assert.Equal(1234, intake.MaxBodyBytes);
        Assert.Equal(TimeSpan.FromMinutes(1), intake.SignatureTolerance);

        var poll = Options<PollOptions>(new() { [SettingNames.PollMaxConcurrency] = "2", [SettingNames.PollStalledAfter] = "02:00:00" });
        Assert.Equal((2, TimeSpan.FromHours(2)), (poll.MaxConcurrency, poll.StalledAfter));

        var events = Options<EventsOptions>(new() { [SettingNames.EventsTypePrefix] = "org.acme", [SettingNames.EventsEventGridEndpoint] = "https://t.westeurope-1.eventgrid.azure.net/api/events" });
        Assert.Equal("org.acme", events.TypePrefix);
        Assert.Equal("t.westeurope-1.eventgrid.azure.net", events.EventGridEndpoint!.Host);

        var transfer = Options<TransferOptions>(new() { [SettingNames.TransferFallbackUser] = "ops@x.co", [SettingNames.TransferSubmittingLease] = "00:00:50", [SettingNames.TransferUnconfirmedWindow] = "00:20:00" });
        Assert.Equal(("ops@x.co", TimeSpan.FromSeconds(50), TimeSpan.FromMinutes(20)), (transfer.FallbackUser, transfer.SubmittingLease, transfer.UnconfirmedWindow));
    }

    [Fact]
    public void The_zoho_client_never_resends_a_transfer_whose_outcome_is_unknown_the_pipeline_verifies_it()
    {
        var zoho = Options<Zoho.Crm.ZohoCrmClientOptions>(new() { ["Zoho:ResubmitTransferAfterUnknownOutcome"] = "true" });

        Assert.False(zoho.ResubmitTransferAfterUnknownOutcome);
    }

    [Theory]
    [InlineData("00:00:09")]
    [InlineData("00:01:01")]
    [InlineData("00:15:00")]
    public async Task The_app_refuses_to_start_with_a_claim_lease_outside_ten_to_sixty_seconds(string lease)
    {
        // Renewed while its holder works, the lease need not cover the longest Zoho call; long, it would hold a dead
        // instance's offboarding and job slot for that long.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new() { [SettingNames.TransferSubmittingLease] = lease }));
        Assert.Contains(SettingNames.AsAppSetting(SettingNames.TransferSubmittingLease), error.Message, StringComparison.Ordinal);
        Assert.Contains("00:01:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_lease_within_bounds_starts_whatever_the_zoho_clients_longest_call()
    {
        // 3 attempts x 5 min: far beyond the lease, which renewals keep alive.
        await StartAsync(new() { ["Zoho:RequestTimeout"] = "00:05:00", ["Zoho:MaxRetries"] = "2", [SettingNames.TransferSubmittingLease] = "00:00:10" });
        Assert.Equal(TimeSpan.FromSeconds(30), Options<TransferOptions>([]).SubmittingLease);
        Assert.Equal(TimeSpan.FromSeconds(7.5), Options<TransferOptions>([]).ClaimRenewEvery);
    }

    [Fact]
    public void A_slot_wait_shorter_than_the_queues_second_is_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options<TransferOptions>(new() { [SettingNames.TransferSlotWaitMaxDelay] = "00:00:00.500" }));
        Assert.Contains(SettingNames.AsAppSetting(SettingNames.TransferSlotWaitMaxDelay), error.Message, StringComparison.Ordinal);
        Assert.Contains("whole seconds", error.Message, StringComparison.Ordinal);

        Assert.Equal(TimeSpan.FromSeconds(1), Options<TransferOptions>(new() { [SettingNames.TransferSlotWaitMaxDelay] = "00:00:01" }).SlotWaitMaxDelay);
    }

    private static async Task StartAsync(Dictionary<string, string?> settings)
    {
        AddRequired(settings);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOffboardingFunctionApp(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
    }

    /// <summary>The settings without which the app refuses to start, so each test varies only what it is about.</summary>
    private static void AddRequired(Dictionary<string, string?> settings)
    {
        settings[SettingNames.Storage] = "UseDevelopmentStorage=true";
        settings.TryAdd(SettingNames.IntakeWebhookSecrets, WebhookSecret);
        settings.TryAdd("Zoho:ClientId", "1000.TESTCLIENT");
        settings.TryAdd("Zoho:ClientSecret", "test-client-secret");
        settings.TryAdd("Zoho:RefreshToken", "1000.test-refresh-token");
    }
}
