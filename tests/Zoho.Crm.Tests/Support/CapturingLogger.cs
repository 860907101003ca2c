using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Zoho.Crm.Tests.Support;

/// <summary>Keeps every log line (formatted message, structured values and exception text) for inspection.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : "";
        _lines.Enqueue($"{logLevel} {eventId.Id} {formatter(state, exception)} | {values} | {exception}");
    }

    public int Count(int eventId) => _lines.Count(l => l.Split(' ')[1] == eventId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
