using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Configuration;

namespace Offboarding.Functions.Operators;

/// <summary>Who may act as an operator, the blast-radius hold, and what operators can do: look, cancel, retry, decide holds.</summary>
public static class OperatorsServiceCollectionExtensions
{
    public static IServiceCollection AddOperators(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<OperatorOptions, OperatorOptionsValidator>(configuration, SettingNames.OperatorsSection);
        services.AddValidatedOptions<HoldOptions, HoldOptionsValidator>(configuration, SettingNames.HoldSection);
        services.AddSingleton(OperatorHosting.From(configuration));
        services.AddSingleton<OperatorAuthenticator>();

        services.AddSingleton<BlastRadiusHold>();
        services.AddSingleton<HoldDesk>();
        services.AddSingleton<OffboardingCancellation>();
        services.AddSingleton<OffboardingRetry>();

        AddOperatorHandler<GetOffboardingHandler>(services);
        AddOperatorHandler<ListOffboardingsHandler>(services);
        AddOperatorHandler<CountOffboardingsHandler>(services);
        AddOperatorHandler<CancelOffboardingHandler>(services);
        AddOperatorHandler<RetryOffboardingHandler>(services);
        AddOperatorHandler<ReplayOffboardingEventsHandler>(services);
        AddOperatorHandler<ReplayEventsHandler>(services);
        AddOperatorHandler<GetHoldHandler>(services);
        AddOperatorHandler<ApproveHoldHandler>(services);
        AddOperatorHandler<RejectHoldHandler>(services);
        AddOperatorHandler<ZohoUsageHandler>(services);
        return services;
    }

    /// <summary>Registers an operator handler and the endpoint that checks the operator identity before it.</summary>
    public static void AddOperatorHandler<THandler>(this IServiceCollection services)
        where THandler : class, IOperatorHandler
    {
        services.AddSingleton<THandler>();
        services.AddSingleton<OperatorEndpoint<THandler>>();
    }
}
