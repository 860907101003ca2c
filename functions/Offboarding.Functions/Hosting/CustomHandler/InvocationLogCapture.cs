using System.Collections.Concurrent;

namespace Offboarding.Functions.Hosting.CustomHandler;

/// <summary>
/// Collects the log lines written while one custom-handler invocation runs, so they travel back to the host in
/// <c>Logs</c> and land in that invocation's telemetry. Flows with the async context: work the function starts
/// (awaits, Task.Run) is captured, other invocations running at the same time are not.
/// </summary>
internal sealed class InvocationLogCapture : IDisposable
{
    /// <summary>A runaway loop must not turn the host's response into megabytes; later lines are counted, not kept.</summary>
    internal const int MaxLines = 500;

    private static readonly AsyncLocal<InvocationLogCapture?> CurrentCapture = new();

    private readonly InvocationLogCapture? _previous;
    private readonly ConcurrentQueue<string> _lines = new();
    private int _count;

    private InvocationLogCapture()
    {
        _previous = CurrentCapture.Value;
        CurrentCapture.Value = this;
    }

    public static InvocationLogCapture? Current => CurrentCapture.Value;

    public static InvocationLogCapture Begin() => new();

    public void Add(string line)
    {
        if (Interlocked.Increment(ref _count) <= MaxLines)
        {
            _lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            var lines = _lines.ToList();
            var dropped = Volatile.Read(ref _count) - lines.Count;
            if (dropped > 0)
            {
                lines.Add($"({dropped} more log lines were not returned)");
            }

            return lines;
        }
    }

    public void Dispose() => CurrentCapture.Value = _previous;
}
