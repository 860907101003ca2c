using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Offboarding.Functions.Configuration;
using Offboarding.Functions.Intake;
using Offboarding.Functions.Operators;
using Offboarding.Functions.Transfer;

namespace Offboarding.Functions.Batches;

/// <summary>Layoffs as one operation: upload, plan, estimate, decisions, the dispatcher that runs them at Zoho's pace, the report.</summary>
public static class BatchesServiceCollectionExtensions
{
    public static IServiceCollection AddBatches(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<BatchesOptions, BatchesOptionsValidator>(configuration, SettingNames.BatchesSection);
        services.TryAddSingleton<ICreditWindow, LedgerCreditWindow>();
        services.AddSingleton<BatchStore>();
        services.AddSingleton<BatchUploadReader>();
        services.AddSingleton<BatchPlanner>();
        services.AddSingleton<BatchEstimator>();
        services.AddSingleton<BatchCreation>();
        services.AddSingleton<BatchDecisions>();
        services.AddSingleton<BatchCancellation>();
        services.AddSingleton<BatchStarter>();
        services.AddSingleton<BatchEnding>();
        services.AddSingleton<BatchFinishedEvent>();
        services.AddSingleton<DispatchCapacity>();
        services.AddSingleton<WaitingLine>();
        services.AddSingleton<BatchDispatcher>();
        services.Replace(ServiceDescriptor.Singleton<IBatchMembership, BatchMembership>());
        services.Replace(ServiceDescriptor.Singleton<IBatchLeavers, BatchLeavers>());

        services.AddOperatorHandler<SubmitBatchHandler>();
        services.AddOperatorHandler<ListBatchesHandler>();
        services.AddOperatorHandler<GetBatchHandler>();
        services.AddOperatorHandler<BatchReportHandler>();
        services.AddOperatorHandler<ApproveBatchHandler>();
        services.AddOperatorHandler<RejectBatchHandler>();
        services.AddOperatorHandler<PauseBatchHandler>();
        services.AddOperatorHandler<ResumeBatchHandler>();
        services.AddOperatorHandler<CancelBatchHandler>();
        return services;
    }
}
