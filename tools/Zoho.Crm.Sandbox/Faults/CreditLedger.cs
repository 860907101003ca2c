namespace Zoho.Crm.Sandbox.Faults;

/// <summary>API credits over a rolling window (Zoho's: 24 hours): each call costs one, freed a window after it. Use under the
/// state lock.</summary>
public sealed class CreditLedger
{
    private readonly Queue<DateTimeOffset> _spent = new();

    /// <summary>The rolling window (<see cref="Control.SandboxSettings.CreditWindowSeconds"/>).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

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
