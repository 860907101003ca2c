using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Zoho.Crm;

namespace Offboarding.Functions.Credits;

/// <summary>
/// The Zoho client's credit gate for the whole app: while the credits are out only the probe goes; within a budget a call
/// goes only if the app's spend stays in it (status polls of running jobs may use the reserve). docs/adr/006-zoho-api-credits.md.
/// </summary>
public sealed partial class CreditGate(CreditMark mark, CreditLedger ledger, CreditCosts costs, IOptions<CreditOptions> options, ILogger<CreditGate> logger)
    : IZohoCreditGate
{
    private readonly CreditOptions _options = options.Value;

    public async ValueTask<ZohoCreditPermit> BeforeCallAsync(ZohoOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            var exhausted = await mark.CurrentAsync(cancellationToken).ConfigureAwait(false);
            if (exhausted is not null && !await mark.TryTakeProbeAsync(exhausted, cancellationToken).ConfigureAwait(false))
            {
                return ZohoCreditPermit.WaitUntil(exhausted.NextProbeAt);
            }

            var limit = LimitFor(operation);
            if (!await ledger.TrySpendAsync(limit, cancellationToken).ConfigureAwait(false))
            {
                var spend = await ledger.ReadAsync(fresh: false, cancellationToken).ConfigureAwait(false);
                return ZohoCreditPermit.WaitUntil(ledger.FitsAt(spend, 1, limit));
            }

            costs.Sent(operation);
            return exhausted is null ? ZohoCreditPermit.Go : ZohoCreditPermit.Probe;
        }
        catch (RequestFailedException ex)
        {
            // Storage is down: the gate cannot tell, and holding every call would stop the app for a storage fault.
            LogUnknown(logger, ex.Status);
            return ZohoCreditPermit.Go;
        }
    }

    public async ValueTask AfterCallAsync(ZohoOperation operation, ZohoCreditPermit permit, ZohoCallCost cost, CancellationToken cancellationToken)
    {
        try
        {
            if (cost == ZohoCallCost.CreditsExhausted)
            {
                ledger.Refund();
                await mark.ExhaustedAsync(permit.IsProbe, cancellationToken).ConfigureAwait(false);
            }
            else if (cost == ZohoCallCost.Answered && permit.IsProbe)
            {
                await mark.ResumedAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex)
        {
            // The mark could not be written: this instance still holds its calls (set in memory), and the others meet the
            // refusal themselves, once each.
            LogUnknown(logger, ex.Status);
        }
    }

    /// <summary>Status polls of running jobs may spend the reserve; every other call stops short of it.</summary>
    private long LimitFor(ZohoOperation operation) =>
        _options.CreditBudget is not { } budget ? long.MaxValue
        : operation == ZohoOperation.GetTransferAndDeleteStatus ? budget
        : _options.TransferLimit;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Zoho credit state could not be read or written (storage answered {Status})")]
    private static partial void LogUnknown(ILogger logger, int status);
}
