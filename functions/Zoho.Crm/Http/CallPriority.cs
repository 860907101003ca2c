namespace Zoho.Crm;

/// <summary>Which waiting call gets a concurrency slot first when one frees up (declared lowest first).</summary>
internal enum CallPriority
{
    Normal,

    /// <summary>
    /// Ahead of every <see cref="Normal"/> call. For calls whose number is bounded by work already under way (the
    /// status of running jobs), so they cannot starve the rest however many there are.
    /// </summary>
    High,
}
