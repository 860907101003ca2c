using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Offboarding.Functions.Batches;
using Offboarding.Functions.Configuration;
using Offboarding.Functions.Contracts;
using Offboarding.Functions.Credits;
using Offboarding.Functions.Diagnostics;
using Offboarding.Functions.Events;
using Offboarding.Functions.Health;
using Offboarding.Functions.Intake;
using Offboarding.Functions.OperatorConsole;
using Offboarding.Functions.Operators;
using Offboarding.Functions.Storage;
using Offboarding.Functions.Transfer;
using Zoho.Crm;

namespace Offboarding.Functions;

/// <summary>The app's whole composition, one call shared by Program.cs (the Functions host) and the local host: one <c>Add…</c> per feature.</summary>
public static class FunctionAppServiceCollectionExtensions
{
    public static IServiceCollection AddOffboardingFunctionApp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOffboardingTelemetry(configuration);
        services.AddOffboardingStorage(configuration);
        services.AddZohoCrmClient(configuration.GetSection(SettingNames.ZohoSection));
        services.AddZohoCredits(configuration);

        // This app never resends a transfer whose outcome is unknown from inside the client: the transfer step verifies first.
        services.PostConfigure<ZohoCrmClientOptions>(options => options.ResubmitTransferAfterUnknownOutcome = false);
        services.AddEvents(configuration);
        services.AddTransferAndPoll(configuration);
        services.AddOperators(configuration);
        services.AddIntake(configuration);
        services.AddBatches(configuration);
        services.AddSingleton<PublishedDocuments>();
        services.AddSingleton<PublishedSchemas>();
        services.AddSingleton<ConsoleAssets>();
        services.AddSingleton<HealthHandler>();

        // The storage SDK logs every failed answer as a warning, and here most are by design (a 412 is an ETag guard at
        // work, a 409 a claim made first elsewhere). A layoff makes thousands; the app logs what it does about them.
        services.AddLogging(logging => logging.AddFilter("Azure.Core", LogLevel.Error));

        return services;
    }
}
