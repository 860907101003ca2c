using Zoho.Crm;

namespace Offboarding.Functions.Credits;

/// <summary>What an offboarding costs in credits, learned from this instance's own calls: every CRM call it sent (lookups,
/// transfers, status polls, checks) per transfer sent.</summary>
public sealed class CreditCosts
{
    /// <summary>Until enough transfers were seen: a transfer, a status poll and a lookup.</summary>
    public const double Default = 3;

    private const int Learned = 5;

    private long _calls;
    private long _transfers;

    /// <summary>Credits a new offboarding is expected to cost, rounded up.</summary>
    public long Expected
    {
        get
        {
            var transfers = Interlocked.Read(ref _transfers);
            return transfers < Learned ? (long)Default : (long)Math.Ceiling(Interlocked.Read(ref _calls) / (double)transfers);
        }
    }

    /// <summary>The average so far (or the default), for operators.</summary>
    public double PerOffboarding
    {
        get
        {
            var transfers = Interlocked.Read(ref _transfers);
            return transfers < Learned ? Default : Interlocked.Read(ref _calls) / (double)transfers;
        }
    }

    public void Sent(ZohoOperation operation)
    {
        Interlocked.Increment(ref _calls);
        if (operation is ZohoOperation.TransferAndDeleteUser or ZohoOperation.DeleteRole or ZohoOperation.TransferPortalUsers)
        {
            Interlocked.Increment(ref _transfers);
        }
    }
}
