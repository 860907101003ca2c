using System.Collections;
using Microsoft.Extensions.Logging;

namespace Offboarding.Functions.Diagnostics;

/// <summary>
/// The log scope of one offboarding's work: every line logged inside it (by the step, the Zoho client, the event
/// publisher) carries <c>OffboardingId</c> as a structured property, so one query finds an offboarding's whole story.
/// </summary>
public sealed class OffboardingLogScope(string offboardingId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string PropertyName = "OffboardingId";

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new(PropertyName, offboardingId) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{PropertyName}={offboardingId}";
}

public static class OffboardingLogScopeExtensions
{
    public static IDisposable? BeginOffboardingScope(this ILogger logger, string offboardingId)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return logger.BeginScope(new OffboardingLogScope(offboardingId));
    }
}
