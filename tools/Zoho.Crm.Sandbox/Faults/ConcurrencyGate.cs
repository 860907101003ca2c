using Zoho.Crm.Sandbox.Control;

namespace Zoho.Crm.Sandbox.Faults;

/// <summary>
/// Counts CRM calls in flight. An arrival over the limit is refused at once (429) and is still counted in
/// the peak, so the peak shows what the client attempted, not just what was admitted.
/// </summary>
public sealed class ConcurrencyGate
{
    private readonly Lock _lock = new();
    private int _current;
    private int _peak;
    private long _rejected;

    public bool TryEnter(int limit)
    {
        lock (_lock)
        {
            _current++;
            _peak = Math.Max(_peak, _current);
            if (_current <= limit)
            {
                return true;
            }

            _current--;
            _rejected++;
            return false;
        }
    }

    public void Exit()
    {
        lock (_lock)
        {
            _current--;
        }
    }

    public ConcurrencySnapshot Snapshot(int limit)
    {
        lock (_lock)
        {
            return new ConcurrencySnapshot(_current, _peak, limit, _rejected);
        }
    }

    /// <summary>Forgets the peak and rejections (calls in flight stay counted).</summary>
    public void ResetPeak()
    {
        lock (_lock)
        {
            _peak = _current;
            _rejected = 0;
        }
    }
}
