namespace Zoho.Crm.Sandbox.Faults;

/// <summary>API credits over a rolling 24 hours: each call costs one, freed 24 h after it. Use under the state lock.</summary>
public sealed class CreditLedger
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private readonly Queue<DateTimeOffset> _spent = new();

    public long Used(DateTimeOffset now)
    {
        while (_spent.TryPeek(out var oldest) && oldest <= now - Window)
        {
            _spent.Dequeue();
        }

        return _spent.Count;
    }

    public bool TrySpend(DateTimeOffset now, long limit)
    {
        if (Used(now) >= limit)
        {
            return false;
        }

        _spent.Enqueue(now);
        return true;
    }

    public void Clear() => _spent.Clear();
}
