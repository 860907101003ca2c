using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Offboarding.Functions.Configuration;

namespace Offboarding.Functions.Tests.Settings;

public sealed class PipelineOptionsTests
{
    private static T Options<T>(Dictionary<string, string?> settings)
        where T : class
    {
        settings["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddOffboardingPipeline(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<T>>().Value;
    }

    [Fact]
    public void The_last_attempt_follows_host_json_unless_set_explicitly()
    {
        Assert.Equal(5, Options<TransferOptions>([]).MaxDequeueCount);
        Assert.Equal(3, Options<TransferOptions>(new() { [OffboardingPipelineServiceCollectionExtensions.HostMaxDequeueCountKey] = "3" }).MaxDequeueCount);
        Assert.Equal(7, Options<TransferOptions>(new() { [OffboardingPipelineServiceCollectionExtensions.HostMaxDequeueCountKey] = "3", [SettingNames.TransferMaxDequeueCount] = "7" }).MaxDequeueCount);
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

        var transfer = Options<TransferOptions>(new() { [SettingNames.TransferFallbackUser] = "ops@x.co", [SettingNames.TransferSubmittingLease] = "00:03:00", [SettingNames.TransferUnconfirmedWindow] = "00:20:00" });
        Assert.Equal(("ops@x.co", TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(20)), (transfer.FallbackUser, transfer.SubmittingLease, transfer.UnconfirmedWindow));
    }

    [Fact]
    public void The_zoho_client_never_resends_a_transfer_whose_outcome_is_unknown_the_pipeline_verifies_it()
    {
        var zoho = Options<Zoho.Crm.ZohoCrmClientOptions>(new() { ["Zoho:ResubmitTransferAfterUnknownOutcome"] = "true" });

        Assert.False(zoho.ResubmitTransferAfterUnknownOutcome);
    }
}
