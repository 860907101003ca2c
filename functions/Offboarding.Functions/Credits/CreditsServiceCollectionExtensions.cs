using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Offboarding.Functions.Configuration;
using Zoho.Crm;

namespace Offboarding.Functions.Credits;

/// <summary>Zoho API credits as a budget: the gate every Zoho call of the app asks, the shared mark and ledger, admission.</summary>
public static class CreditsServiceCollectionExtensions
{
    public static IServiceCollection AddZohoCredits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<CreditOptions, CreditOptionsValidator>(configuration, SettingNames.ZohoSection);
        services.AddSingleton<CreditEvents>();
        services.AddSingleton<CreditMark>();
        services.AddSingleton<CreditLedger>();
        services.AddSingleton<CreditCosts>();
        services.AddSingleton<CreditAdmission>();
        services.AddSingleton<CreditUsage>();
        services.AddSingleton<IZohoCreditGate, CreditGate>();
        return services;
    }
}
