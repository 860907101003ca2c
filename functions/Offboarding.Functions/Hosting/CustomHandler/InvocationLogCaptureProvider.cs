using Microsoft.Extensions.Logging;

namespace Offboarding.Functions.Hosting.CustomHandler;

/// <summary>Feeds every logger's output into the running invocation's <see cref="InvocationLogCapture"/>, if there is one.</summary>
[ProviderAlias("InvocationLogs")]
internal sealed class InvocationLogCaptureProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && InvocationLogCapture.Current is not null;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var capture = InvocationLogCapture.Current;
            if (capture is null || !IsEnabled(logLevel))
            {
                return;
            }

            var line = $"{logLevel}: {category}: {formatter(state, exception)}";
            if (exception is not null)
            {
                // Type and message only: stack traces belong to the app's own telemetry, not the host's invocation log.
                line += $" ({exception.GetType().Name}: {exception.Message})";
            }

            capture.Add(line);
        }
    }
}
